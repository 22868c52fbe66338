// Query cost and budgets over the real server: what an operation costs is known before it
// runs, an operation over the limit never runs, each caller's hourly budget shrinks by what
// it spends and refuses with 429 when spent — without touching anyone else's.
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { dataOf, errorCodes, TestClient } from '../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../test/server.ts';
import { COST } from './cost.ts';
import { createInMemoryRateLimiter, type RateLimiter } from './rate-limit.ts';

const SECTIONS = (first: number) =>
  `{ wards(first: 7) { edges { node { code sections(first: ${first}) { edges { node { id name } } } } } } }`;

let platform: TestPlatform;
let statements = 0;
/** Budgets of 2,000 points an hour instead of the production ones, so a test can spend them. */
const small: RateLimiter = (() => {
  const inner = createInMemoryRateLimiter();
  return { take: (key, points, _limit, now) => inner.take(key, points, 2_000, now) };
})();

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimiter: small, onQuery: () => (statements += 1) });
});
afterAll(async () => {
  await platform?.close();
});

async function costOf(client: TestClient, query: string, variables?: Record<string, unknown>): Promise<number> {
  const response = await client.request<{ queryCost: { cost: number; maxCost: number; withinLimit: boolean } }>(
    `query C($q: String!, $v: String) { queryCost(query: $q, variables: $v) { cost maxCost withinLimit } }`,
    { q: query, v: variables ? JSON.stringify(variables) : null },
  );
  return dataOf(response).queryCost.cost;
}

describe('query cost', () => {
  it('counts a connection’s selection once per item asked for, and reports it on every response', async () => {
    const client = new TestClient(platform.url);
    const at10 = await costOf(client, SECTIONS(10));
    const at20 = await costOf(client, SECTIONS(20));
    // wards(1) + 7 × (edges 1 + node 1 + code 1 + sections(1 + n × (edges 1 + node 1 + id 1 + name 1)))
    expect(at10).toBe(1 + 7 * (3 + 1 + 10 * 4));
    expect(at20 - at10).toBe(7 * 10 * 4);
    const ran = await client.request(SECTIONS(10));
    expect(ran.body.extensions).toMatchObject({ cost: { requested: at10, maxCost: COST.maxCost } });
  });

  it('takes page sizes from variables too', async () => {
    const client = new TestClient(platform.url);
    const query = `query Q($n: Int) { wards(first: $n) { edges { node { code } } } }`;
    expect(await costOf(client, query, { n: 5 })).toBe(1 + 5 * 3);
    expect(await costOf(client, query, {})).toBe(1 + 20 * 3);
  });

  it('refuses an operation over the limit before anything runs, saying its cost and the limit in both languages', async () => {
    const client = new TestClient(platform.url);
    const huge = `{ wards(first: 100) { edges { node { sections(first: 100) { edges { node { targets(first: 100) { edges { node { id title } } } } } } } } } }`;
    const before = statements;
    const response = await client.request(huge, {}, { headers: { accept: 'application/graphql-response+json' } });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    const error = response.body.errors![0]!;
    expect(error.extensions).toMatchObject({ maxCost: COST.maxCost });
    expect(Number(error.extensions!.cost)).toBeGreaterThan(COST.maxCost);
    expect((error.extensions!.messages as { ja: string }).ja).toContain('上限');
    expect(response.body.data).toBeUndefined();
    expect(statements - before).toBe(0);
    expect(await costOf(client, huge)).toBe(Number(error.extensions!.cost));
  });

  it('says an astronomical cost as the power of ten it exceeds, in both languages', async () => {
    const client = new TestClient(platform.url);
    const page = (inner: string) => `sections(first: 2000000000) { edges { node { ${inner} } } }`;
    const query = `{ ward(code: "nakahara") { ${page(`ward { ${page(`ward { ${page('id')} }`)} }`)} } }`;
    const response = await client.request(query);
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    const error = response.body.errors![0]!;
    expect(Number(error.extensions!.cost)).toBeGreaterThan(1e28);
    expect(error.extensions!.messages).toEqual({
      ja: expect.stringContaining('このクエリのコストは10²⁸点を超える見込みで、上限の200,000点を'),
      en: expect.stringContaining('The query would cost more than 10^28 points; the limit is 200,000 points.'),
    });
  });

  it('refuses a subscription over the limit when it is opened', async () => {
    const level = (inner: string) => `actor { notifications(first: 100) { edges { node { ${inner} } } } }`;
    const query = `subscription { notificationAdded { ${level(level(level('id kind')))} } }`;
    const ws = createClient({
      url: `${platform.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const errors = await new Promise<unknown>((resolve) => {
      ws.subscribe({ query }, { next: () => {}, error: resolve, complete: () => resolve(null) });
    });
    expect(JSON.stringify(errors)).toContain('QUERY_TOO_COMPLEX');
    await ws.dispose();
  });
});

describe('budgets', () => {
  it('charges each caller its own budget, tells what is left, and refuses with 429 when it is spent', async () => {
    const spender = new TestClient(platform.url);
    await spender.signIn('director@example.jp', TEST_PASSWORD);
    const bystander = new TestClient(platform.url);
    await bystander.signIn('admin@example.jp', TEST_PASSWORD);

    const query = SECTIONS(20); // 1 + 7 × 84 = 589 points
    const first = await spender.request(query);
    expect(first.status).toBe(200);
    const rate = first.body.extensions!.rateLimit as { limit: number; remaining: number; resetAt: string };
    expect(rate.limit).toBe(2_000);
    expect(rate.remaining).toBeLessThanOrEqual(2_000 - 589);
    expect(Number(first.headers.get('x-ratelimit-remaining'))).toBe(rate.remaining);
    expect(new Date(rate.resetAt).getTime()).toBeGreaterThan(Date.now());

    await spender.request(query);
    await spender.request(query);
    const refused = await spender.request(query);
    expect(refused.status).toBe(429);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.errors![0]!.extensions).toMatchObject({
      cost: 589,
      messages: {
        ja: expect.stringContaining('1時間あたり2,000点の枠の残りは'),
        en: expect.stringContaining('of your 2,000 points per hour are left'),
      },
    });

    // Someone else's budget is untouched.
    const other = await bystander.request(query);
    expect(other.status).toBe(200);
    expect((other.body.extensions!.rateLimit as { remaining: number }).remaining).toBeGreaterThan(2_000 - 589 - 50);
  });
});

describe('the schema in production', () => {
  let production: TestPlatform;
  beforeAll(async () => {
    production = await startTestPlatform({ sample: true, production: true });
  });
  afterAll(async () => {
    await production?.close();
  });

  it('is not introspectable anonymously, and suggests no field names to anonymous callers', async () => {
    const anonymous = new TestClient(production.url);
    const introspection = await anonymous.request(`{ __schema { types { name } } }`);
    expect(errorCodes(introspection)).toEqual(['FORBIDDEN']);
    expect(introspection.body.data).toBeUndefined();
    const typo = await anonymous.request(`{ currentGuidelin { code } }`);
    expect(typo.body.errors![0]!.message).not.toContain('Did you mean');
    expect(JSON.stringify(typo.body.errors![0]!.extensions)).not.toContain('currentGuideline');
  });

  it('answers a persisted-query hash it has not stored with its own code, readable in both languages', async () => {
    // Found by the hostile suite: production masked Apollo's refusal as INTERNAL_SERVER_ERROR.
    for (const query of [undefined, null]) {
      const response = await fetch(`${production.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'ja' },
        body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } } }),
      });
      const body = (await response.json()) as {
        errors: { message: string; extensions: { code: string; messages: { ja: string; en: string } } }[];
      };
      expect(body.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(body.errors[0]!.message).toContain('保存済みのクエリが見つかりません');
      expect(body.errors[0]!.extensions.messages.en).toContain('send it again with the query text');
    }
  });

  it('is introspectable by signed-in staff, with suggestions', async () => {
    const staff = new TestClient(production.url);
    await staff.signIn('director@example.jp', TEST_PASSWORD);
    const introspection = await staff.request<{ __schema: { types: unknown[] } }>(`{ __schema { types { name } } }`);
    expect(dataOf(introspection).__schema.types.length).toBeGreaterThan(50);
    const typo = await staff.request(`{ currentGuidelin { code } }`);
    expect(typo.body.errors![0]!.message).toContain('Did you mean "currentGuideline"');
  });
});
