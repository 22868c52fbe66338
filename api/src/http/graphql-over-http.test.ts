// The GraphQL-over-HTTP specification, checked with the graphql-http package's own server
// audits against the real running server.
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../test/server.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ sample: false });
});
afterAll(async () => {
  await platform?.close();
});

describe('GraphQL over HTTP', () => {
  it('passes every audit of graphql-http', async () => {
    const audits = serverAudits({ url: `${platform.url}/graphql`, fetchFn: fetch });
    const failures: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${result.status} ${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
