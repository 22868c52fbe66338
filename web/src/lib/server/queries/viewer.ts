// Who is signed in, resolved once per request in hooks.server.ts, and the sign-in and
// sign-out mutations. Only sent when the browser has a session cookie: anonymous visitors
// cost the API nothing.
import { defineOperation, execute, type ApiCaller } from '../graphql';

export type Role =
  | 'POLICY_ADMIN'
  | 'DIRECTOR'
  | 'WARD_MAYOR'
  | 'WARD_COORDINATOR'
  | 'COMMITTEE_CHAIR'
  | 'COMMITTEE_MEMBER'
  | 'SECTION_HEAD'
  | 'SECTION_MEMBER'
  | 'FACILITATOR';

interface Named {
  id: string;
  name: string;
  nameEn: string;
}

type NamedWard = Named & { code: string };

export interface ViewerMembership {
  role: Role;
  /** Set for ward-scoped roles only; a section's or committee's ward is on it. */
  ward: NamedWard | null;
  section: (Named & { ward: NamedWard }) | null;
  committee: (Named & { ward: NamedWard | null }) | null;
}

/** The ward a membership reaches: its own, its section's or its committee's. */
export function membershipWard(membership: ViewerMembership): NamedWard | null {
  return membership.ward ?? membership.section?.ward ?? membership.committee?.ward ?? null;
}

export interface SessionViewer {
  id: string;
  displayName: string;
  email: string | null;
  locale: string;
  memberships: ViewerMembership[];
  unreadNotificationCount: number;
}

export const CurrentViewer = defineOperation<{ viewer: SessionViewer | null }>(/* GraphQL */ `
  query CurrentViewer {
    viewer {
      id
      displayName
      email
      locale
      unreadNotificationCount
      memberships {
        role
        ward {
          id
          code
          name
          nameEn
        }
        section {
          id
          name
          nameEn
          ward {
            id
            code
            name
            nameEn
          }
        }
        committee {
          id
          name
          nameEn
          ward {
            id
            code
            name
            nameEn
          }
        }
      }
    }
  }
`);

export type SignInResult =
  | { __typename: 'SignInPayload'; expiresAt: string }
  | { __typename: 'InvalidCredentialsError'; messageJa: string; messageEn: string }
  | { __typename: 'TooManyAttemptsError'; retryAfterSeconds: number; messageJa: string; messageEn: string };

export const SignIn = defineOperation<{ signIn: SignInResult }, { input: { email: string; password: string } }>(
  /* GraphQL */ `
    mutation SignIn($input: SignInInput!) {
      signIn(input: $input) {
        __typename
        ... on SignInPayload {
          expiresAt
        }
        ... on InvalidCredentialsError {
          messageJa
          messageEn
        }
        ... on TooManyAttemptsError {
          retryAfterSeconds
          messageJa
          messageEn
        }
      }
    }
  `,
);

export const SignOut = defineOperation<{ signOut: boolean }>(/* GraphQL */ `
  mutation SignOut {
    signOut
  }
`);

export const SESSION_COOKIE = 'shishin_session';

export async function loadViewer(caller: ApiCaller): Promise<SessionViewer | null> {
  return (await execute(caller, CurrentViewer)).viewer;
}
