// Bad input over real HTTP: every malformed, oversized or hostile request gets a clear,
// typed error with the right status, and the server keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, globalId, TestClient } from '../test/client.ts';
import { startTestPlatform, type TestPlatform } from '../test/server.ts';

let platform: TestPlatform;
let client: TestClient;
beforeAll(async () => {
  platform = await startTestPlatform();
  client = new TestClient(platform.url);
});
afterAll(async () => {
  await platform?.close();
});

async function stillServing() {
  const response = await client.request<{ currentGuideline: { code: string } }>(`{ currentGuideline { code } }`);
  expect(dataOf(response).currentGuideline.code).toBe('H24.3');
}

/** What GraphQL-over-HTTP clients accept; legacy `application/json` clients get 200 instead (below). */
const GRAPHQL_RESPONSE = { headers: { accept: 'application/graphql-response+json' } };

describe('bad input', () => {
  it('answers malformed GraphQL with 400 and a bilingual parse error', async () => {
    const response = await client.request(`{ currentGuideline { code `, {}, GRAPHQL_RESPONSE);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(response.body.errors?.[0]?.extensions?.messages).toMatchObject({
      ja: expect.stringContaining('構文'),
      en: expect.any(String),
    });
    await stillServing();
  });

  it('answers an unknown field with 400 and names it', async () => {
    const response = await client.request(`{ currentGuideline { code secretField } }`, {}, GRAPHQL_RESPONSE);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.body.errors?.[0]?.message).toContain('secretField');
  });

  it('answers a variable of the wrong type with 400', async () => {
    const response = await client.request(
      `query Q($year: Int!) { fiscalYear(year: $year) { eraName } }`,
      { year: 'twenty' },
      GRAPHQL_RESPONSE,
    );
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers a client that accepts only application/json with 200 and the same errors', async () => {
    for (const [document, code] of [
      [`{ currentGuideline { code `, 'GRAPHQL_PARSE_FAILED'],
      [`{ currentGuideline { code secretField } }`, 'GRAPHQL_VALIDATION_FAILED'],
    ] as const) {
      const response = await client.request(document, {}, { headers: { accept: 'application/json' } });
      expect(response.status).toBe(200);
      expect(errorCodes(response)).toEqual([code]);
      expect(response.body.data).toBeUndefined();
    }
  });

  it('refuses over-deep queries before running them', async () => {
    const deep = `{ currentGuideline { ${'supersedes { '.repeat(20)} code ${'} '.repeat(20)} } }`;
    const response = await client.request(deep);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ maxDepth: 15 });
  });

  it('refuses alias floods', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: currentGuideline { code }`).join(' ');
    const response = await client.request(`{ ${aliases} }`);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toContain('QUERY_TOO_COMPLEX');
    await stillServing();
  });

  it('refuses documents with too many tokens', async () => {
    const response = await client.request(`{ ${'currentGuideline { code } '.repeat(2000)} }`, {}, GRAPHQL_RESPONSE);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('refuses a persisted-query hash that does not match its query as BAD_REQUEST', async () => {
    const mismatch = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } },
      }),
    });
    const body = (await mismatch.json()) as { errors: { extensions: { code: string; messages: { en: string } } }[] };
    expect(mismatch.status).toBe(400);
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]!.extensions.messages.en).toBe('provided sha does not match query');
  });

  it('refuses oversized bodies with 413 and invalid JSON with 400', async () => {
    const big = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shishin-csrf': '1' },
      body: JSON.stringify({
        query: `{ currentGuideline { code } }`,
        variables: { padding: 'x'.repeat(2 * 1024 * 1024) },
      }),
    });
    expect(big.status).toBe(413);
    const bigBody = (await big.json()) as { errors: { extensions: { code: string } }[] };
    expect(bigBody.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');

    const broken = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shishin-csrf': '1' },
      body: '{"query": ',
    });
    expect(broken.status).toBe(400);
    await stillServing();
  });

  it('rejects a page size beyond the cap instead of silently clamping it', async () => {
    const response = await client.request(`{ wards(first: 101) { edges { node { code } } } }`);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const ok = dataOf(
      await client.request<{ wards: { edges: unknown[] } }>(`{ wards(first: 100) { edges { node { code } } } }`),
    );
    expect(ok.wards.edges).toHaveLength(7);
  });

  it('answers null for a well-formed global id that names nothing, of every node type', async () => {
    const types = ['ImprovementTarget', 'ImprovementPolicy', 'Standard', 'Problem', 'User', 'Notification'];
    for (const type of types) {
      const id = globalId(type, '01234567-89ab-7def-8123-456789abcdef');
      const response = await client.request<{ node: unknown }>(`query N($id: ID!) { node(id: $id) { id } }`, { id });
      expect(response.body.errors, type).toBeUndefined();
      expect(dataOf(response).node, type).toBeNull();
    }
  });

  it('answers a malformed global id with a clear error', async () => {
    const response = await client.request(`{ node(id: "not-a-global-id") { id } }`);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers unknown paths with 404, liveness with ok and readiness with the database state', async () => {
    expect((await fetch(`${platform.url}/nothing-here`)).status).toBe(404);
    const health = await fetch(`${platform.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${platform.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', database: 'ok', redis: 'not configured' });
  });

  it('keeps serving after a burst of hostile requests', async () => {
    const hostile = [
      () => client.request(`{ ${'__typename '.repeat(10)} }`),
      () =>
        client.request(`query { currentGuideline { ...F } } fragment F on GuidelineVersion { supersedes { ...F } }`),
      () => fetch(`${platform.url}/graphql`, { method: 'DELETE' }),
      () => fetch(`${platform.url}/graphql?query=${encodeURIComponent('mutation { signOut }')}`),
    ];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => hostile[i % hostile.length]!()));
    expect(results).toHaveLength(40);
    const mutationOverGet = await fetch(`${platform.url}/graphql?query=${encodeURIComponent('mutation { signOut }')}`, {
      headers: { 'x-shishin-csrf': '1' },
    });
    expect(mutationOverGet.status).toBe(405);
    await stillServing();
  });
});
