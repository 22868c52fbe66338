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
