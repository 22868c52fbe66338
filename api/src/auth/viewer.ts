// The viewer is resolved once per request (HTTP) or per connection (WebSocket) and is
// the only input permission rules look at. It holds no database handle on purpose:
// policy functions must be pure so the board socket can reuse them verbatim.
import type { ApiTokenScope, Role } from '@shishin/prisma';

export interface ViewerMembership {
  role: Role;
  /** The ward this membership reaches: its own ward, its section's ward or its committee's ward. */
  wardId: string | null;
  sectionId: string | null;
  committeeId: string | null;
}

export interface ViewerUser {
  id: string;
  email: string;
  displayName: string;
  locale: string;
}

export type Credential =
  | { kind: 'anonymous'; sessionExpired: boolean }
  | { kind: 'session'; sessionId: string }
  | { kind: 'token'; tokenId: string; scopes: readonly ApiTokenScope[]; wardId: string | null };

const CITY_READ_ROLES: ReadonlySet<Role> = new Set(['POLICY_ADMIN', 'DIRECTOR']);

export class Viewer {
  readonly user: ViewerUser | null;
  readonly memberships: readonly ViewerMembership[];
  readonly credential: Credential;
  #permissionClass: string | undefined;

  private constructor(user: ViewerUser | null, memberships: readonly ViewerMembership[], credential: Credential) {
    this.user = user;
    this.memberships = memberships;
    this.credential = credential;
  }

  static anonymous(sessionExpired = false): Viewer {
    return new Viewer(null, [], { kind: 'anonymous', sessionExpired });
  }

  static signedIn(user: ViewerUser, memberships: readonly ViewerMembership[], credential: Credential): Viewer {
    return new Viewer(user, memberships, credential);
  }

  /**
   * Everything in this viewer that a permission rule or a resolver can consult, as one string:
   * the user (id, email, name, locale), every membership in order (role, ward, section,
   * committee), the credential's kind and, for a token, its scopes and ward; for an anonymous
   * viewer whether a session just expired. Two viewers with the same class are
   * indistinguishable to every policy function, so one subscription event executed for one of
   * them is the right answer for the other (`api/src/http/subscription-execution.ts`). Only
   * what tells two connections of the same person apart — the session or token id — is left
   * out. A field added to Viewer, ViewerUser, ViewerMembership or Credential must be added
   * here; `viewer.test.ts` fails until it is.
   */
  get permissionClass(): string {
    if (this.#permissionClass === undefined) {
      const { user, credential } = this;
      this.#permissionClass = JSON.stringify([
        user && [user.id, user.email, user.displayName, user.locale],
        this.memberships.map((m) => [m.role, m.wardId, m.sectionId, m.committeeId]),
        credential.kind === 'anonymous'
          ? [credential.kind, credential.sessionExpired]
          : credential.kind === 'token'
            ? [credential.kind, credential.scopes, credential.wardId]
            : [credential.kind],
      ]);
    }
    return this.#permissionClass;
  }

  get isSignedIn(): boolean {
    return this.user !== null;
  }

  get isToken(): boolean {
    return this.credential.kind === 'token';
  }

  /** True when the request may change data: a browser session. Tokens are read-only. */
  get canWrite(): boolean {
    return this.credential.kind === 'session' && this.user !== null;
  }

  hasRole(role: Role): boolean {
    return this.memberships.some((m) => m.role === role);
  }

  /** Reads everything city-wide: the policy department and the directors' meeting, or a READ_ALL token. */
  get readsAll(): boolean {
    if (this.credential.kind === 'token') {
      return this.credential.scopes.includes('READ_ALL') && this.memberships.some((m) => CITY_READ_ROLES.has(m.role));
    }
    return this.memberships.some((m) => CITY_READ_ROLES.has(m.role));
  }

  /** Wards whose unpublished work this viewer may read. */
  readableWardIds(): ReadonlySet<string> {
    const ids = new Set<string>();
    if (this.credential.kind === 'token') {
      const { scopes, wardId } = this.credential;
      if (!scopes.includes('READ_WARD') && !scopes.includes('READ_ALL')) return ids;
      if (scopes.includes('READ_WARD') && wardId && this.memberships.some((m) => m.wardId === wardId)) {
        ids.add(wardId);
        return ids;
      }
      if (!scopes.includes('READ_ALL')) return ids;
    }
    for (const m of this.memberships) if (m.wardId) ids.add(m.wardId);
    return ids;
  }

  canReadWard(wardId: string): boolean {
    return this.readsAll || this.readableWardIds().has(wardId);
  }

  /** Staff: any signed-in user with at least one membership (tokens only with more than published scope). */
  get isStaff(): boolean {
    if (!this.user || this.memberships.length === 0) return false;
    if (this.credential.kind === 'token') {
      return this.credential.scopes.some((s) => s !== 'READ_PUBLISHED');
    }
    return true;
  }

  memberOfSection(sectionId: string): boolean {
    if (this.credential.kind === 'token') return false;
    return this.memberships.some(
      (m) => m.sectionId === sectionId && (m.role === 'SECTION_MEMBER' || m.role === 'SECTION_HEAD'),
    );
  }

  hasWardRole(wardId: string, roles: readonly Role[]): boolean {
    return this.memberships.some((m) => m.wardId === wardId && roles.includes(m.role));
  }
}
