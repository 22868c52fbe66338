// authenticate() reads a session or token with its user and memberships in one SQL
// statement. The viewer it builds must be exactly the one Prisma's own relation reads give.
import { createTestDatabase, type Database } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastHash, TEST_PASSWORD } from '../test/server.ts';
import { authenticate, viewersForUsers } from './authenticate.ts';
import { hashSecret, newApiToken, newSecret } from './secrets.ts';
import type { ViewerMembership } from './viewer.ts';

let database: Database;
let statements = 0;
beforeAll(async () => {
  database = await createTestDatabase(undefined, { onQuery: () => (statements += 1) });
  await seed(database.prisma, { sample: true, hashPassword: fastHash, samplePassword: TEST_PASSWORD });
});
afterAll(async () => {
  await database?.close();
});

/** The reference: the user and memberships through Prisma's relation reads. */
async function expected(userId: string) {
  const user = await database.prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      displayName: true,
      locale: true,
      memberships: {
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
    },
  });
  const memberships: ViewerMembership[] = user.memberships.map((m) => ({
    role: m.role,
    wardId: m.wardId ?? m.section?.wardId ?? m.committee?.wardId ?? null,
    sectionId: m.sectionId,
    committeeId: m.committeeId,
  }));
  return { user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale }, memberships };
}

async function sessionFor(userId: string, lastSeenAt = new Date()): Promise<{ cookie: string; id: string }> {
  const token = newSecret();
  const session = await database.prisma.session.create({
    data: { userId, tokenHash: hashSecret(token), lastSeenAt, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  return { cookie: `shishin_session=${token}`, id: session.id };
}

describe('authenticate', () => {
  it('builds the same viewer as Prisma’s relation reads, for users of every kind of membership', async () => {
    const users = await database.prisma.user.findMany({
      where: { memberships: { some: {} } },
      select: { id: true },
      orderBy: { email: 'asc' },
    });
    // Section, committee, ward-level and city-wide memberships are all among the sample users.
    const kinds = await database.prisma.membership.findMany({
      select: { wardId: true, sectionId: true, committeeId: true },
    });
    expect(kinds.some((m) => m.sectionId)).toBe(true);
    expect(kinds.some((m) => m.committeeId)).toBe(true);
    expect(kinds.some((m) => m.wardId)).toBe(true);
    expect(kinds.some((m) => !m.wardId && !m.sectionId && !m.committeeId)).toBe(true);
    for (const { id } of users) {
      const { cookie, id: sessionId } = await sessionFor(id);
      const { viewer, clearSessionCookie } = await authenticate(database.prisma, {
        cookieHeader: cookie,
        authorizationHeader: undefined,
        now: new Date(),
      });
      expect(clearSessionCookie).toBe(false);
      expect({ user: viewer.user, memberships: viewer.memberships, credential: viewer.credential }).toEqual({
        ...(await expected(id)),
        credential: { kind: 'session', sessionId },
      });
    }
  });

  it('reads a session with its user and memberships in one SQL statement', async () => {
    const user = await database.prisma.user.findUniqueOrThrow({ where: { email: 'committee.nakahara@example.jp' } });
    const { cookie } = await sessionFor(user.id);
    statements = 0;
    const { viewer } = await authenticate(database.prisma, {
      cookieHeader: cookie,
      authorizationHeader: undefined,
      now: new Date(),
    });
    expect(viewer.user?.id).toBe(user.id);
    expect(statements).toBe(1);
  });

  it('reads the sessions of handshakes arriving together in one SQL statement (a reconnect storm)', async () => {
    const users = await database.prisma.user.findMany({ where: { memberships: { some: {} } }, take: 10 });
    const sessions = await Promise.all(users.flatMap((u) => [sessionFor(u.id), sessionFor(u.id)]));
    statements = 0;
    const results = await Promise.all(
      [...sessions, { cookie: 'shishin_session=unknown', id: '' }].map(({ cookie }) =>
        authenticate(database.prisma, { cookieHeader: cookie, authorizationHeader: undefined, now: new Date() }),
      ),
    );
    expect(statements).toBe(1);
    expect(results.map((r) => r.viewer.credential)).toEqual([
      ...sessions.map(({ id }) => ({ kind: 'session', sessionId: id })),
      { kind: 'anonymous', sessionExpired: true },
    ]);
  });

  it('refuses a session of a disabled user, an idle session and an unknown one', async () => {
    const user = await database.prisma.user.create({
      data: { email: 'disabled@example.jp', displayName: '無効', disabledAt: new Date() },
    });
    const disabled = await sessionFor(user.id);
    const active = await database.prisma.user.findUniqueOrThrow({ where: { email: 'committee.nakahara@example.jp' } });
    const idle = await sessionFor(active.id, new Date(Date.now() - 9 * 3_600_000));
    for (const cookie of [disabled.cookie, idle.cookie, 'shishin_session=unknown']) {
      const result = await authenticate(database.prisma, {
        cookieHeader: cookie,
        authorizationHeader: undefined,
        now: new Date(),
      });
      expect([result.viewer.isSignedIn, result.clearSessionCookie]).toEqual([false, true]);
    }
  });

  it('reads a token with its scopes, ward, user and memberships', async () => {
    const owner = await database.prisma.user.findUniqueOrThrow({
      where: { email: 'committee.nakahara@example.jp' },
      include: { memberships: { include: { committee: true } } },
    });
    const wardId = owner.memberships[0]!.committee!.wardId!;
    const { token, prefix } = newApiToken();
    const record = await database.prisma.apiToken.create({
      data: { userId: owner.id, name: 'report', prefix, tokenHash: hashSecret(token), scopes: ['READ_WARD'], wardId },
    });
    const { viewer } = await authenticate(database.prisma, {
      cookieHeader: undefined,
      authorizationHeader: `Bearer ${token}`,
      now: new Date(),
    });
    expect({ user: viewer.user, memberships: viewer.memberships, credential: viewer.credential }).toEqual({
      ...(await expected(owner.id)),
      credential: { kind: 'token', tokenId: record.id, scopes: ['READ_WARD'], wardId },
    });
    await database.prisma.apiToken.update({ where: { id: record.id }, data: { revokedAt: new Date() } });
    await expect(
      authenticate(database.prisma, {
        cookieHeader: undefined,
        authorizationHeader: `Bearer ${token}`,
        now: new Date(),
      }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('gives the viewers of several users in one statement, leaving out unknown and disabled ones', async () => {
    const users = await database.prisma.user.findMany({ where: { memberships: { some: {} } }, take: 5 });
    const disabled = await database.prisma.user.findUniqueOrThrow({ where: { email: 'disabled@example.jp' } });
    statements = 0;
    const viewers = await viewersForUsers(database.prisma, [
      ...users.map((u) => u.id),
      disabled.id,
      '00000000-0000-7000-8000-000000000000',
    ]);
    expect(statements).toBe(1);
    expect([...viewers.keys()].sort()).toEqual(users.map((u) => u.id).sort());
    for (const user of users) {
      const viewer = viewers.get(user.id)!;
      expect({ user: viewer.user, memberships: viewer.memberships }).toEqual(await expected(user.id));
    }
  });
});
