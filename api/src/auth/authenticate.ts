// Turns the credentials of a request (session cookie or bearer token) into a Viewer.
// One SQL statement loads the session (or token) with its user, the memberships and the
// wards they reach, so every permission check of the request is answered from memory.
import { Prisma, type ApiTokenScope, type PrismaClient } from '@shishin/prisma';
import { AppError, messages } from '../errors.ts';
import { batchedLoader } from '../load-batch.ts';
import { API_TOKEN_PREFIX, hashSecret } from './secrets.ts';
import { Viewer, type ViewerMembership } from './viewer.ts';

export const SESSION_COOKIE = 'shishin_session';

export interface SessionSettings {
  /** A session ends this long after it was last used. */
  idleTimeoutMs: number;
  /** …and at the latest this long after sign-in. */
  absoluteTimeoutMs: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  idleTimeoutMs: 8 * 60 * 60 * 1000,
  absoluteTimeoutMs: 7 * 24 * 60 * 60 * 1000,
};

/** lastSeenAt is written at most this often, so reads do not all become writes. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

// CONCERNS: authentication runs on every HTTP request and every WebSocket connection, so it
// is one statement (Prisma's own reads would be five: session, user, memberships, their
// sections and committees), shared by the session lookups of one turn of the event loop
// (load-batch.ts: a thousand subscribers reconnecting at once). The columns are those of prisma/schema.prisma's @@map names;
// `authenticate.test.ts` checks the viewer it builds field by field.

/**
 * The user `u`'s columns and memberships, in a stable order (two sessions of one user build
 * identical viewers: Viewer.permissionClass), each with the ward it reaches: its own, its
 * section's or its committee's.
 */
const USER_WITH_MEMBERSHIPS = Prisma.sql`u.id AS "userId", u.email, u.display_name AS "displayName", u.locale,
  u.disabled_at AS "disabledAt",
  COALESCE((
    SELECT json_agg(json_build_object(
      'role', m.role,
      'wardId', COALESCE(m.ward_id, s.ward_id, c.ward_id),
      'sectionId', m.section_id,
      'committeeId', m.committee_id
    ) ORDER BY m.id)
    FROM membership m
    LEFT JOIN section s ON s.id = m.section_id
    LEFT JOIN committee c ON c.id = m.committee_id
    WHERE m.user_id = u.id
  ), '[]'::json) AS memberships`;

interface LoadedUser {
  userId: string;
  email: string;
  displayName: string;
  locale: string;
  disabledAt: Date | null;
  memberships: ViewerMembership[];
}

function viewerUser(user: LoadedUser) {
  return { id: user.userId, email: user.email, displayName: user.displayName, locale: user.locale };
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // A malformed cookie value is ignored rather than failing the request.
    }
  }
  return cookies;
}

export interface AuthenticateInput {
  cookieHeader: string | undefined;
  authorizationHeader: string | undefined;
  now: Date;
}

export interface AuthenticateResult {
  viewer: Viewer;
  /** True when a session cookie was sent but is unknown or expired: the caller clears it. */
  clearSessionCookie: boolean;
}

type LoadedSession = LoadedUser & { sessionId: string; tokenHash: string; expiresAt: Date; lastSeenAt: Date };

/** Sessions by token hash; the handshakes of one turn of the event loop share one statement. */
const loadSession = batchedLoader(async (db: PrismaClient, tokenHashes: string[]) => {
  const rows = await db.$queryRaw<LoadedSession[]>`
    SELECT se.id AS "sessionId", se.token_hash AS "tokenHash", se.expires_at AS "expiresAt",
      se.last_seen_at AS "lastSeenAt", ${USER_WITH_MEMBERSHIPS}
    FROM session se JOIN "user" u ON u.id = se.user_id
    WHERE se.token_hash = ANY(${tokenHashes}::text[])`;
  return new Map(rows.map((row) => [row.tokenHash, row]));
});

export async function authenticate(
  db: PrismaClient,
  input: AuthenticateInput,
  settings: SessionSettings = DEFAULT_SESSION_SETTINGS,
): Promise<AuthenticateResult> {
  const authorization = input.authorizationHeader?.trim();
  if (authorization) {
    return { viewer: await authenticateToken(db, authorization, input.now), clearSessionCookie: false };
  }
  const sessionToken = parseCookies(input.cookieHeader).get(SESSION_COOKIE);
  if (!sessionToken) return { viewer: Viewer.anonymous(), clearSessionCookie: false };

  const session = await loadSession(db, hashSecret(sessionToken));
  const now = input.now.getTime();
  if (
    !session ||
    session.disabledAt ||
    session.expiresAt.getTime() <= now ||
    session.lastSeenAt.getTime() + settings.idleTimeoutMs <= now
  ) {
    return { viewer: Viewer.anonymous(true), clearSessionCookie: true };
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id: session.sessionId }, data: { lastSeenAt: input.now } });
  }
  return {
    viewer: Viewer.signedIn(viewerUser(session), session.memberships, {
      kind: 'session',
      sessionId: session.sessionId,
    }),
    clearSessionCookie: false,
  };
}

async function authenticateToken(db: PrismaClient, authorization: string, now: Date): Promise<Viewer> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const token = match?.[1];
  if (!token || !token.startsWith(API_TOKEN_PREFIX)) {
    throw new AppError('UNAUTHENTICATED', messages.invalidToken);
  }
  const [record] = await db.$queryRaw<
    (LoadedUser & {
      tokenId: string;
      scopes: ApiTokenScope[];
      wardId: string | null;
      revokedAt: Date | null;
      expiresAt: Date | null;
      lastUsedAt: Date | null;
    })[]
  >`
    SELECT t.id AS "tokenId", t.scopes::text[] AS scopes, t.ward_id AS "wardId", t.revoked_at AS "revokedAt",
      t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt", ${USER_WITH_MEMBERSHIPS}
    FROM api_token t JOIN "user" u ON u.id = t.user_id
    WHERE t.token_hash = ${hashSecret(token)}`;
  if (!record || record.revokedAt || record.disabledAt || (record.expiresAt && record.expiresAt <= now)) {
    throw new AppError('UNAUTHENTICATED', messages.invalidToken);
  }
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: record.tokenId }, data: { lastUsedAt: now } });
  }
  return Viewer.signedIn(viewerUser(record), record.memberships, {
    kind: 'token',
    tokenId: record.tokenId,
    scopes: record.scopes,
    wardId: record.wardId,
  });
}

/**
 * The viewers other users would be, for deciding whether they may be told about something
 * (mentions, notifications), in one statement. Unknown and disabled users are left out.
 */
export async function viewersForUsers(
  db: Prisma.TransactionClient | PrismaClient,
  userIds: readonly string[],
): Promise<Map<string, Viewer>> {
  const viewers = new Map<string, Viewer>();
  if (userIds.length === 0) return viewers;
  const users = await db.$queryRaw<LoadedUser[]>`
    SELECT ${USER_WITH_MEMBERSHIPS} FROM "user" u
    WHERE u.id = ANY(${[...userIds]}::uuid[]) AND u.disabled_at IS NULL`;
  for (const user of users) {
    viewers.set(
      user.userId,
      Viewer.signedIn(viewerUser(user), user.memberships, { kind: 'session', sessionId: 'none' }),
    );
  }
  return viewers;
}

/** The viewer one user would be now (a board re-checking a member); null when unknown or disabled. */
export async function viewerForUser(
  db: Prisma.TransactionClient | PrismaClient,
  userId: string,
): Promise<Viewer | null> {
  return (await viewersForUsers(db, [userId])).get(userId) ?? null;
}
