// The api server the hostile, load and soak suites run against: a child process of its own
// (so its memory, file descriptors and event loop are the server's alone), on a fresh database
// (SHISHIN_TEST_DB: PGlite by default, or PostgreSQL) seeded with the guideline and the sample
// accounts (password SUITE_PASSWORD). A second port on loopback answers the suites' questions
// about the process itself; nothing of it is in api/src.
//
//   GET /metrics[?gc=1][&resetLoop=1]  heap and RSS (after GC when asked), event-loop delay
//                                      since the last reset, the board server's counters and
//                                      the loaded documents nobody is connected to
//   GET /board?name=board:<uuid>       the server's copy of a board document (notes: id → text)
//   GET /heapsnapshot?path=<file>      writes a V8 heap snapshot there (after GC), for finding
//                                      what a growing heap holds (SUITE_HEAP_SNAPSHOTS)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTestDatabase } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import * as Y from 'yjs';
import { hashPassword } from '../../src/auth/password.ts';
import { startServer } from '../../src/http/server.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const database = await createTestDatabase();
await seed(database.prisma, {
  sample: true,
  hashPassword: (plain) => hashPassword(plain, { log2N: 10, r: 8, p: 1 }),
  samplePassword: process.env.SUITE_PASSWORD ?? 'suite-password-1',
});

const server = await startServer({
  database,
  production: process.env.SUITE_DEBUG !== '1',
  // Unexpected failures are what the suites look for: on stderr, one line each, for the parent.
  log: (message) => {
    if (/failed|error/i.test(message)) process.stderr.write(`server log: ${message.replace(/\n/g, ' ⏎ ')}\n`);
  },
});

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;

function notesOf(doc: Y.Doc): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const [id, note] of doc.getMap<Y.Map<unknown>>('notes')) notes[id] = String(note.get('text') ?? '');
  return notes;
}

const side = createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: unknown;
    if (url.pathname === '/metrics') {
      if (url.searchParams.has('gc')) for (let i = 0; i < 3; i += 1) gc();
      const memory = process.memoryUsage();
      const hocuspocus = server.boards.hocuspocus;
      const idle = [...hocuspocus.documents.values()].filter((d) => d.getConnectionsCount() === 0).length;
      body = {
        heapUsed: memory.heapUsed,
        rss: memory.rss,
        eventLoop: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
        boards: server.boards.metrics(),
        loadedWithoutConnections: idle,
      };
      if (url.searchParams.has('resetLoop')) loop.reset();
    } else if (url.pathname === '/heapsnapshot') {
      for (let i = 0; i < 3; i += 1) gc();
      body = { path: writeHeapSnapshot(url.searchParams.get('path') ?? undefined) };
    } else if (url.pathname === '/board') {
      const name = url.searchParams.get('name') ?? '';
      body = { notes: await server.boards.documents.read(name, notesOf) };
    }
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  })().catch((error: unknown) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: String(error) }));
  });
});
side.listen(0, '127.0.0.1', () => {
  const port = (side.address() as AddressInfo).port;
  process.stdout.write(`${JSON.stringify({ ready: server.url, metrics: `http://127.0.0.1:${port}` })}\n`);
});

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    side.close();
    await server.stop();
    await database.close();
    process.exit(0);
  })();
});
