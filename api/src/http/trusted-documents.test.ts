// Trusted documents over the real server: with enforcement on, a browser (cookie or nobody)
// may run only listed documents, by text or by documentId; a bearer token may run anything;
// over WebSocket the same.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { dataOf, errorCodes, TestClient } from '../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../test/server.ts';
import { documentIdOf, loadTrustedDocuments } from './trusted-documents.ts';

const LISTED = `query Listed { currentGuideline { code } }`;
const LISTED_SUBSCRIPTION = `subscription Live { notificationAdded { id } }`;
const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { __typename } }`;
const CREATE_TOKEN = `mutation Token { createApiToken(input: { name: "tool", scopes: [READ_ALL] }) { token } }`;
const OTHER = `{ wards(first: 3) { edges { node { code } } } }`;

let platform: TestPlatform;
beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'shishin-trusted-')), 'trusted-documents.json');
  writeFileSync(
    file,
    JSON.stringify(
      Object.fromEntries([LISTED, LISTED_SUBSCRIPTION, SIGN_IN, CREATE_TOKEN].map((d) => [documentIdOf(d), d])),
    ),
  );
  platform = await startTestPlatform({ trustedDocuments: loadTrustedDocuments(file, true) });
});
afterAll(async () => {
  await platform?.close();
});

describe('trusted documents, enforced for browsers', () => {
  it('runs a listed document sent as text or by documentId', async () => {
    const client = new TestClient(platform.url);
    expect(dataOf(await client.request<{ currentGuideline: { code: string } }>(LISTED)).currentGuideline.code).toBe(
      'H24.3',
    );
    const byId = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ documentId: documentIdOf(LISTED) }),
    });
    expect(((await byId.json()) as { data: { currentGuideline: { code: string } } }).data.currentGuideline.code).toBe(
      'H24.3',
    );
    const overGet = await fetch(`${platform.url}/graphql?documentId=${encodeURIComponent(documentIdOf(LISTED))}`);
    expect(overGet.status).toBe(200);
  });

  it('refuses any other document from a browser, signed in or not, in both languages', async () => {
    const anonymous = new TestClient(platform.url);
    const refused = await anonymous.request(OTHER);
    expect(refused.status).toBe(403);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.body.errors![0]!.extensions!.messages).toMatchObject({
      ja: expect.stringContaining('APIトークン'),
      en: expect.stringContaining('API token'),
    });
    const staff = new TestClient(platform.url);
    await staff.signIn('director@example.jp', TEST_PASSWORD); // TestClient's own sign-in document is not listed
    expect(staff.cookie).toBeUndefined();
    const unknown = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ documentId: 'sha256:0000' }),
    });
    expect(unknown.status).toBe(404);
  });

  it('lets a reporting tool with a token send any document', async () => {
    // The person signs in and makes a token through the app's own (listed) documents.
    const post = (query: string, variables: Record<string, unknown>, cookie?: string) =>
      fetch(`${platform.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shishin-csrf': '1', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    const signedIn = await post(SIGN_IN, { input: { email: 'admin@example.jp', password: TEST_PASSWORD } });
    const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const made = (await (await post(CREATE_TOKEN, {}, cookie)).json()) as {
      data: { createApiToken: { token: string } };
    };
    const tool = new TestClient(platform.url).withToken(made.data.createApiToken.token);
    expect(dataOf(await tool.request<{ wards: { edges: unknown[] } }>(OTHER)).wards.edges).toHaveLength(3);
  });

  it('holds browser subscriptions to the list too', async () => {
    const ws = createClient({
      url: `${platform.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const result = await new Promise<unknown>((resolve) => {
      ws.subscribe(
        { query: `subscription Other { notificationAdded { id kind } }` },
        { next: () => {}, error: resolve, complete: () => resolve(null) },
      );
    });
    expect(JSON.stringify(result)).toContain('FORBIDDEN');
    await ws.dispose();
  });
});
