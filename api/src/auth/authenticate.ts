// Turns the credentials of a request (session cookie or bearer token) into a Viewer.
// One query loads the user with the memberships and the wards they reach, so every
// permission check of the request is answered from memory.
import type { Prisma, PrismaClient } from '@shishin/prisma';
import { AppError, messages } from '../errors.ts';
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

const userWithMemberships = {
  id: true,
  email: true,
  displayName: true,
  locale: true,
  disabledAt: true,
  memberships: {
    // A stable order, so two sessions of one user build identical viewers (Viewer.permissionClass).
    orderBy: { id: 'asc' },
    select: {
      role: true,
      wardId: true,
      sectionId: true,
      committeeId: true,
      section: { select: { wardId: true } },
      committee: { select: { wardId: true } },
    },
  },
} as const;

type LoadedUser = {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  disabledAt: Date | null;
  memberships: {
    role: ViewerMembership['role'];
    wardId: string | null;
    sectionId: string | null;
    committeeId: string | null;
    section: { wardId: string } | null;
    committee: { wardId: string | null } | null;
  }[];
};

function toMemberships(user: LoadedUser): ViewerMembership[] {
  return user.memberships.map((m) => ({
    role: m.role,
    wardId: m.wardId ?? m.section?.wardId ?? m.committee?.wardId ?? null,
    sectionId: m.sectionId,
    committeeId: m.committeeId,
  }));
}

function viewerUser(user: LoadedUser) {
  return { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale };
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

  const session = await db.session.findUnique({
    where: { tokenHash: hashSecret(sessionToken) },
    select: { id: true, expiresAt: true, lastSeenAt: true, createdAt: true, user: { select: userWithMemberships } },
  });
  const now = input.now.getTime();
  if (
    !session ||
    session.user.disabledAt ||
    session.expiresAt.getTime() <= now ||
    session.lastSeenAt.getTime() + settings.idleTimeoutMs <= now
  ) {
    return { viewer: Viewer.anonymous(true), clearSessionCookie: true };
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: input.now } });
  }
  const user = session.user as LoadedUser;
  return {
    viewer: Viewer.signedIn(viewerUser(user), toMemberships(user), { kind: 'session', sessionId: session.id }),
    clearSessionCookie: false,
  };
}

async function authenticateToken(db: PrismaClient, authorization: string, now: Date): Promise<Viewer> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const token = match?.[1];
  if (!token || !token.startsWith(API_TOKEN_PREFIX)) {
    throw new AppError('UNAUTHENTICATED', messages.invalidToken);
  }
  const record = await db.apiToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: {
      id: true,
      scopes: true,
      wardId: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: userWithMemberships },
    },
  });
  if (!record || record.revokedAt || record.user.disabledAt || (record.expiresAt && record.expiresAt <= now)) {
    throw new AppError('UNAUTHENTICATED', messages.invalidToken);
  }
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  const user = record.user as LoadedUser;
  return Viewer.signedIn(viewerUser(user), toMemberships(user), {
    kind: 'token',
    tokenId: record.id,
    scopes: record.scopes,
    wardId: record.wardId,
  });
}

/**
 * The viewer another user would be, for deciding whether they may be told about something
 * (mentions, notifications). Null for unknown or disabled users.
 */
export async function viewerForUser(
  db: Prisma.TransactionClient | PrismaClient,
  userId: string,
): Promise<Viewer | null> {
  const user = (await db.user.findUnique({ where: { id: userId }, select: userWithMemberships })) as LoadedUser | null;
  if (!user || user.disabledAt) return null;
  return Viewer.signedIn(viewerUser(user), toMemberships(user), { kind: 'session', sessionId: 'none' });
}
