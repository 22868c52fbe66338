// Frames that break the WebSocket protocol itself, on both sockets of the api: ws closes the
// connection with the matching code, and the process neither dies nor logs it as its own
// failure. (A text frame of invalid UTF-8 on /boards used to end the whole server: ws emitted
// 'error' on a socket nobody listened on. graphql-ws logged every one as an internal error.)
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../test/server.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ sample: false });
});
afterAll(async () => {
  await platform?.close();
});

function closeCodeAfter(path: string, protocol: string[], send: (ws: WebSocket) => void): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${platform.url.replace('http', 'ws')}${path}`, protocol);
    ws.on('error', () => {});
    ws.on('open', () => send(ws));
    ws.on('close', (code) => resolve(code));
  });
}

describe.each([
  ['/boards', []],
  ['/graphql', ['graphql-transport-ws']],
])('%s', (path, protocol) => {
  it('closes on invalid UTF-8 text with 1007, and the server stays up', async () => {
    const logged = vi.spyOn(console, 'error');
    const code = await closeCodeAfter(path, protocol, (ws) =>
      ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }),
    );
    expect(code).toBe(1007);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
  });

  it('closes on a frame over its limit with 1009', async () => {
    const code = await closeCodeAfter(path, protocol, (ws) => ws.send(Buffer.alloc(8 * 1024 * 1024 + 1)));
    expect(code).toBe(1009);
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
  });
});

describe('documents over graphql-ws (production: errors masked unless typed)', () => {
  let production: TestPlatform;
  beforeAll(async () => {
    production = await startTestPlatform({ sample: false, production: true });
  });
  afterAll(async () => {
    await production?.close();
  });

  /** The codes of the errors the socket answers a document with (as `error` or in `next`). */
  function codesFor(payload: { query: string; operationName?: string }): Promise<string[]> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${production.url.replace('http', 'ws')}/graphql`, ['graphql-transport-ws']);
      ws.on('error', () => {});
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
        if (message.type === 'connection_ack') ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload }));
        const errors =
          message.type === 'error'
            ? (message.payload as { extensions?: { code?: string } }[])
            : message.type === 'next'
              ? ((message.payload as { errors?: { extensions?: { code?: string } }[] }).errors ?? [])
              : null;
        if (errors) {
          resolve(errors.map((e) => String(e.extensions?.code)));
          ws.close();
        }
      });
    });
  }

  it('answers with the same codes as HTTP, never an internal error', async () => {
    expect(await codesFor({ query: '{' })).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(await codesFor({ query: '{ noSuchField }' })).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(await codesFor({ query: 'query A { __typename } query B { __typename }' })).toEqual([
      'OPERATION_RESOLUTION_FAILURE',
    ]);
    expect(await codesFor({ query: '{ node(id: "x") { id } }' })).toEqual(['BAD_USER_INPUT']);
  });
});
