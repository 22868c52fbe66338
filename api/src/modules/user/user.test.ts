// Sign-in, sessions and API tokens, through the real HTTP server and a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../auth/authenticate.ts';
import { hashSecret } from '../../auth/secrets.ts';
import { inMemoryThrottle } from '../../auth/throttle.ts';
import { dataOf, errorCodes, TestClient } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

// Small sign-in throttles, so the throttle tests need a handful of real attempts (each failed
// attempt runs the production-strength KDF) instead of the production 10 per account and 100
// per address. Only the throttle tests fail sign-ins from their own addresses.
const THROTTLES = {
  account: { maxFailures: 3, windowMs: 15 * 60_000 },
  address: { maxFailures: 10, windowMs: 15 * 60_000 },
};

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({
    signInThrottles: { account: inMemoryThrottle(THROTTLES.account), address: inMemoryThrottle(THROTTLES.address) },
  });
});
afterAll(async () => {
  await platform?.close();
});

const VIEWER = `{ viewer { id displayName email memberships { role ward { code } } } }`;

describe('signing in', () => {
  it('sets an httpOnly, SameSite session cookie and knows the viewer afterwards', async () => {
    const client = new TestClient(platform.url);
    const response = await client.signIn('mayor.nakahara@example.jp', TEST_PASSWORD);
    expect(dataOf(response).signIn.__typename).toBe('SignInPayload');
    const setCookie = response.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/shishin_session=[\w-]{40,}/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');

    const me = dataOf(
      await client.request<{
        viewer: { email: string; memberships: { role: string; ward: { code: string } | null }[] };
      }>(VIEWER),
    );
    expect(me.viewer.email).toBe('mayor.nakahara@example.jp');
    expect(me.viewer.memberships).toContainEqual({ role: 'WARD_MAYOR', ward: { code: 'nakahara' } });
  });

  it('stores only a hash of the session token', async () => {
    const client = new TestClient(platform.url);
    await client.signIn('director@example.jp', TEST_PASSWORD);
    const token = decodeURIComponent(client.cookie!.split('=')[1]!);
    const sessions = await platform.database.prisma.session.findMany({ select: { tokenHash: true } });
    expect(sessions.some((s) => s.tokenHash === token)).toBe(false);
    expect(sessions.some((s) => s.tokenHash === hashSecret(token))).toBe(true);
  });

  it('answers a wrong password and an unknown email with the same typed error, in both languages', async () => {
    const wrongPassword = dataOf(await new TestClient(platform.url).signIn('director@example.jp', 'not-the-password'));
    const unknownEmail = dataOf(await new TestClient(platform.url).signIn('nobody@example.jp', 'not-the-password'));
    expect(wrongPassword.signIn).toEqual({
      __typename: 'InvalidCredentialsError',
      code: 'INVALID_CREDENTIALS',
      message: 'メールアドレスまたはパスワードが正しくありません。',
    });
    expect(unknownEmail.signIn).toEqual(wrongPassword.signIn);
    const english = await new TestClient(platform.url).request<{ signIn: { message: string } }>(
      `mutation { signIn(input: { email: "nobody@example.jp", password: "x" }) { ... on Error { message messageJa } } }`,
      {},
      { headers: { 'accept-language': 'en-GB,en;q=0.9' } },
    );
    expect(dataOf(english).signIn.message).toBe('The email address or password is incorrect.');
  });

  it('throttles repeated failures for one email without locking out others', async () => {
    const client = new TestClient(platform.url);
    client.extraHeaders['x-forwarded-for'] = '198.51.100.1';
    const attempts: string[] = [];
    for (let i = 0; i <= THROTTLES.account.maxFailures; i += 1)
      attempts.push(dataOf(await client.signIn('section.miyamae@example.jp', `wrong-${i}`)).signIn.__typename);
    expect(attempts).toEqual([
      ...Array.from({ length: THROTTLES.account.maxFailures }, () => 'InvalidCredentialsError'),
      'TooManyAttemptsError',
    ]);
    const correctNow = dataOf(await client.signIn('section.miyamae@example.jp', TEST_PASSWORD)).signIn;
    expect(correctNow.__typename).toBe('TooManyAttemptsError');
    // Another account, from the same address, is not locked out.
    expect(dataOf(await client.signIn('mayor.miyamae@example.jp', TEST_PASSWORD)).signIn.__typename).toBe(
      'SignInPayload',
    );
  });

  it('throttles an address that tries many accounts, but not other addresses', async () => {
    const attacker = new TestClient(platform.url);
    attacker.extraHeaders['x-forwarded-for'] = '203.0.113.7';
    const outcomes = await Promise.all(
      Array.from({ length: THROTTLES.address.maxFailures }, (_, i) =>
        attacker.signIn(`guess-${i}@example.jp`, 'wrong').then((r) => dataOf(r).signIn.__typename),
      ),
    );
    expect(outcomes.every((o) => o === 'InvalidCredentialsError')).toBe(true);
    expect(dataOf(await attacker.signIn('director@example.jp', TEST_PASSWORD)).signIn.__typename).toBe(
      'TooManyAttemptsError',
    );

    const colleague = new TestClient(platform.url);
    colleague.extraHeaders['x-forwarded-for'] = '203.0.113.8';
    expect(dataOf(await colleague.signIn('director@example.jp', TEST_PASSWORD)).signIn.__typename).toBe(
      'SignInPayload',
    );
  });

  it('rejects invalid input with a typed BAD_USER_INPUT error', async () => {
    const response = await new TestClient(platform.url).signIn('', '');
    expect(errorCodes(response)).toContain('BAD_USER_INPUT');
  });
});

describe('sessions', () => {
  it('signing out ends the session on the server, not only in the browser', async () => {
    const client = new TestClient(platform.url);
    await client.signIn('committee.nakahara@example.jp', TEST_PASSWORD);
    const cookie = client.cookie!;
    expect(dataOf(await client.request(`mutation { signOut }`))).toEqual({ signOut: true });
    expect(client.cookie).toBeUndefined();
    const replay = new TestClient(platform.url);
    replay.cookie = cookie;
    const response = await replay.request<{ viewer: null }>(`{ viewer { id } }`);
    expect(dataOf(response).viewer).toBeNull();
  });

  it('treats an expired session as signed out, says so, and clears the cookie', async () => {
    const client = new TestClient(platform.url);
    await client.signIn('admin@example.jp', TEST_PASSWORD);
    await platform.database.prisma.session.updateMany({
      where: { user: { email: 'admin@example.jp' } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expiredCookie = client.cookie;
    const response = await client.request(
      `{ viewer { id } committees(first: 1) { edges { node { memberships { edges { node { role } } } } } } }`,
    );
    expect(response.headers.getSetCookie().join()).toContain('Max-Age=0');
    expect(client.cookie).toBeUndefined();
    expect(response.body.data).toMatchObject({ viewer: null });
    expect(errorCodes(response)).toContain('SESSION_EXPIRED');
    expect(response.body.errors?.[0]?.message).toBe('セッションの有効期限が切れました。もう一度ログインしてください。');

    const replay = new TestClient(platform.url);
    replay.cookie = expiredCookie;
    const mutation = await replay.request(
      `mutation { createApiToken(input: { name: "x", scopes: [READ_PUBLISHED] }) { token } }`,
    );
    expect(errorCodes(mutation)).toEqual(['SESSION_EXPIRED']);
  });

  it('refuses a cookie-authenticated POST from another site (CSRF)', async () => {
    const client = new TestClient(platform.url);
    await client.signIn('director@example.jp', TEST_PASSWORD);
    const response = await client.request(`{ viewer { id } }`, {}, { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    const sameSite = await client.request(`{ viewer { id } }`, {}, { headers: { origin: platform.url } });
    expect(sameSite.status).toBe(200);
  });

  it('refuses a form-style request that skips the CORS preflight', async () => {
    const response = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect(response.status).toBe(400);
  });
});

describe('API tokens', () => {
  async function createToken(client: TestClient, input: Record<string, unknown>) {
    return client.request<{
      createApiToken: { token: string; apiToken: { id: string; prefix: string; scopes: string[] } };
    }>(
      `mutation Create($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id prefix scopes } } }`,
      { input },
    );
  }

  it('reads with a bearer token, stores only its hash, and stops at once when revoked', async () => {
    const owner = new TestClient(platform.url);
    await owner.signIn('director@example.jp', TEST_PASSWORD);
    const created = dataOf(await createToken(owner, { name: 'yearly report', scopes: ['READ_ALL'] })).createApiToken;
    expect(created.token.startsWith(created.apiToken.prefix)).toBe(true);
    const stored = await platform.database.prisma.apiToken.findFirstOrThrow({ where: { name: 'yearly report' } });
    expect(stored.tokenHash).toBe(hashSecret(created.token));

    const tool = new TestClient(platform.url).withToken(created.token);
    const drafts = dataOf(
      await tool.request<{ improvementTargets: { edges: { node: { state: string } }[] } }>(
        `{ improvementTargets(first: 100, state: DRAFT) { edges { node { state } } } }`,
      ),
    );
    expect(drafts.improvementTargets.edges.length).toBeGreaterThan(0);
    const lastUsed = await platform.database.prisma.apiToken.findFirstOrThrow({ where: { id: stored.id } });
    expect(lastUsed.lastUsedAt).not.toBeNull();

    dataOf(await owner.request(`mutation R($id: ID!) { revokeApiToken(id: $id) }`, { id: created.apiToken.id }));
    const afterRevoke = await tool.request(`{ viewer { id } }`);
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.headers.get('www-authenticate')).toContain('invalid_token');
    expect(errorCodes(afterRevoke)).toEqual(['UNAUTHENTICATED']);
  });

  it('is read-only: a mutation with a token is forbidden', async () => {
    const owner = new TestClient(platform.url);
    await owner.signIn('director@example.jp', TEST_PASSWORD);
    const { token } = dataOf(
      await createToken(owner, { name: 'read only', scopes: ['READ_PUBLISHED'] }),
    ).createApiToken;
    const response = await new TestClient(platform.url)
      .withToken(token)
      .request(`mutation { createApiToken(input: { name: "escalate", scopes: [READ_ALL] }) { token } }`);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(await platform.database.prisma.apiToken.count({ where: { name: 'escalate' } })).toBe(0);
  });

  it('never reads more than its owner: a section member cannot mint a READ_ALL token', async () => {
    const member = new TestClient(platform.url);
    await member.signIn('section.nakahara@example.jp', TEST_PASSWORD);
    const response = await createToken(member, { name: 'too much', scopes: ['READ_ALL'] });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('names the field a refused token is wrong in, with a message saying why', async () => {
    const member = new TestClient(platform.url);
    await member.signIn('section.nakahara@example.jp', TEST_PASSWORD);
    const extensionsOf = async (input: Record<string, unknown>) =>
      (await createToken(member, input)).body.errors?.[0]?.extensions as
        { code?: string; field?: string; messages?: { ja: string; en: string } } | undefined;

    const readAll = await extensionsOf({ name: 'too much', scopes: ['READ_ALL'] });
    expect(readAll).toMatchObject({ code: 'FORBIDDEN', field: 'scopes' });
    expect(readAll?.messages?.en).toContain('READ_ALL');

    const wards = dataOf(
      await member.request<{ wards: { edges: { node: { id: string; code: string } }[] } }>(
        `{ wards(first: 10) { edges { node { id code } } } }`,
      ),
    ).wards.edges.map((e) => e.node);
    const miyamae = wards.find((w) => w.code === 'miyamae')!.id;
    const nakahara = wards.find((w) => w.code === 'nakahara')!.id;
    expect(await extensionsOf({ name: 'other ward', scopes: ['READ_WARD'], wardId: miyamae })).toMatchObject({
      code: 'FORBIDDEN',
      field: 'wardId',
    });
    expect(await extensionsOf({ name: 'no ward', scopes: ['READ_WARD'] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'wardId',
    });
    expect(
      await extensionsOf({ name: 'ward, no scope for it', scopes: ['READ_PUBLISHED'], wardId: nakahara }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'wardId' });
    const own = dataOf(await createToken(member, { name: 'own ward', scopes: ['READ_WARD'], wardId: nakahara }));
    expect(own.createApiToken.apiToken.scopes).toEqual(['READ_WARD']);
  });

  it('records when a token was last used at most once a minute, not on every request', async () => {
    const owner = new TestClient(platform.url);
    await owner.signIn('director@example.jp', TEST_PASSWORD);
    const { token, apiToken } = dataOf(
      await createToken(owner, { name: 'last used', scopes: ['READ_PUBLISHED'] }),
    ).createApiToken;
    const id = (await platform.database.prisma.apiToken.findFirstOrThrow({ where: { name: 'last used' } })).id;
    const lastUsed = async () =>
      (await platform.database.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt?.toISOString();
    const useAt = (iso: string) =>
      authenticate(platform.database.prisma, {
        cookieHeader: undefined,
        authorizationHeader: `Bearer ${token}`,
        now: new Date(iso),
      });

    expect(await lastUsed()).toBeUndefined();
    await useAt('2031-05-01T09:00:00.000Z');
    expect(await lastUsed()).toBe('2031-05-01T09:00:00.000Z');
    // Within the minute: no write, the first use stands.
    await useAt('2031-05-01T09:00:30.000Z');
    await useAt('2031-05-01T09:00:59.000Z');
    expect(await lastUsed()).toBe('2031-05-01T09:00:00.000Z');
    // A minute later it moves on.
    await useAt('2031-05-01T09:01:01.000Z');
    expect(await lastUsed()).toBe('2031-05-01T09:01:01.000Z');

    // The owner reads it through the API.
    const listed = dataOf(
      await owner.request<{ viewer: { apiTokens: { edges: { node: { id: string; lastUsedAt: string | null } }[] } } }>(
        `{ viewer { apiTokens(first: 50) { edges { node { id lastUsedAt } } } } }`,
      ),
    ).viewer.apiTokens.edges.find((e) => e.node.id === apiToken.id);
    expect(listed?.node.lastUsedAt).toBe('2031-05-01T09:01:01.000Z');
  });

  it('answers a malformed or unknown token with 401', async () => {
    for (const header of ['Bearer nonsense', 'Bearer shishin_doesnotexist', 'Basic abc']) {
      const response = await fetch(`${platform.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: header },
        body: JSON.stringify({ query: '{ viewer { id } }' }),
      });
      expect(response.status).toBe(401);
    }
  });
});
