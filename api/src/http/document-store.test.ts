// The parsed-document cache is bounded by what its documents keep alive (document-store.ts):
// a flood of distinct valid documents carrying large comments — counted a few hundred bytes each
// by Apollo's default cache, which kept every one — must not grow the server's heap past it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../test/server.ts';
import { BoundedDocumentStore, documentBytes, TOKEN_BYTES } from './document-store.ts';

describe('the parsed-document cache', () => {
  it('counts a document’s text and tokens, comments included', () => {
    const small = parse('{ __typename }');
    const commented = parse(`{ __typename } #${'a'.repeat(100_000)}`);
    expect(documentBytes(small)).toBeGreaterThanOrEqual(3 * TOKEN_BYTES);
    expect(documentBytes(commented)).toBeGreaterThan(100_000);
    expect(documentBytes(parse(`{ __typename } #${'字'.repeat(1000)}`))).toBeGreaterThan(2000);
  });

  it('keeps at most maxBytes, dropping the least recently used', async () => {
    const store = new BoundedDocumentStore(60_000);
    const doc = (i: number) => parse(`query Q${i} { __typename } #${'a'.repeat(10_000)}`);
    for (let i = 0; i < 4; i += 1) await store.set(`k${i}`, doc(i));
    expect(store.size).toBe(4);
    await store.get('k0'); // used: k1 is now the oldest
    for (let i = 4; i < 20; i += 1) await store.set(`k${i}`, doc(i));
    expect(store.bytes).toBeLessThanOrEqual(60_000);
    expect(await store.get('k1')).toBeUndefined();
    expect(await store.get('k19')).toBeDefined();
    await store.set('huge', parse(`{ __typename } #${'a'.repeat(70_000)}`));
    expect(await store.get('huge')).toBeUndefined();
    expect(store.bytes).toBeLessThanOrEqual(60_000);
  });
});

describe('a flood of distinct valid documents with large comments', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ sample: false });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('does not grow the heap by what they carry', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      for (let i = 0; i < 3; i += 1) gc();
      return process.memoryUsage().heapUsed;
    };
    const send = async (i: number) => {
      const query = `query Flood${i} { __typename } #${'a'.repeat(500_000)}`;
      const response = await fetch(`${platform.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shishin-csrf': '1' },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    };
    for (let i = 0; i < 5; i += 1) await send(-i - 1); // warm-up
    const before = heap();
    // 160 documents × 500 KB = 80 MB sent; the cache may keep 32 MiB of them.
    for (let i = 0; i < 160; i += 1) await send(i);
    const growth = heap() - before;
    expect(growth).toBeLessThan(56 * 2 ** 20);
  });
});
