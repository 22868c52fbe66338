// Shishin's real server for `bench/boards.ts`, on a fresh embedded database: BENCH_BOARD_USERS
// members of the revision working group with sessions (their cookies are printed), an empty
// workshop board, and a board of 10,000 notes that nobody has opened yet. A second port
// answers the bench's questions about the server process itself (memory after GC, cold load).
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTestDatabase } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import * as Y from 'yjs';
import { hashPassword } from '../../api/src/auth/password.ts';
import { hashSecret, newSecret } from '../../api/src/auth/secrets.ts';
import { initialiseBoard } from '../../api/src/boards/document.ts';
import { boardDocumentName } from '../../api/src/boards/names.ts';
import { applyStoredState, encodeStoredState } from '../../api/src/boards/stored-state.ts';
import { startServer } from '../../api/src/http/server.ts';
import { bigBoard } from '../boards-data.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const USERS = Number(process.env.BENCH_BOARD_USERS ?? 50);
const database = await createTestDatabase(
  (process.env.SHISHIN_BENCH_DB as 'pglite' | 'postgres' | undefined) ?? 'pglite',
);
await seed(database.prisma, {
  sample: true,
  hashPassword: (p) => hashPassword(p, { log2N: 10, r: 8, p: 1 }),
  samplePassword: 'bench',
});
const db = database.prisma;
const committee = await db.committee.findFirstOrThrow({ where: { kind: 'REVISION_WORKING_GROUP' } });
const cookies: string[] = [];
let facilitatorId = '';
for (let i = 1; i <= USERS; i += 1) {
  const n = String(i).padStart(2, '0');
  const user = await db.user.create({
    data: {
      email: `member${n}@bench.example.jp`,
      displayName: `ベンチ委員 ${n}`,
      memberships: { create: { role: i === 1 ? 'FACILITATOR' : 'COMMITTEE_MEMBER', committeeId: committee.id } },
    },
  });
  if (i === 1) facilitatorId = user.id;
  const token = newSecret();
  await db.session.create({
    data: { tokenHash: hashSecret(token), userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  cookies.push(`shishin_session=${token}`);
}
const empty = new Y.Doc();
initialiseBoard(empty, 'REVISION_WORKSHOP');
const newBoard = (title: string, document: Uint8Array) =>
  db.board.create({
    data: {
      title,
      template: 'REVISION_WORKSHOP',
      committeeId: committee.id,
      facilitatorId,
      document: document as Uint8Array<ArrayBuffer>,
    },
  });
const board = await newBoard('bench', Y.encodeStateAsUpdate(empty));
// Stored as the server stores a squashed board (stored-state.ts).
const big = bigBoard(10_000);
const bigStored = encodeStoredState(big.doc);
const large = await newBoard('bench 10,000 notes', bigStored);
// The same board as boards were written before `rect` and `reaction:` keys (docs/boards.md).
const legacyStored = encodeStoredState(bigBoard(10_000, true).doc);
const legacy = await newBoard('bench 10,000 notes, older note shape', legacyStored);
const small: string[] = [];
for (let i = 0; i < 20; i += 1)
  small.push((await newBoard(`bench small ${i}`, encodeStoredState(bigBoard(100).doc))).id);

const server = await startServer({ database, production: true, log: () => {} });

const held: { disconnect(): Promise<void> }[] = [];
// BENCH_CPU_PROF: the bench asks for one CPU profile per phase (/profile/start, /profile/stop?name=).
const profileDir = process.env.BENCH_CPU_PROF;
const inspector = profileDir ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
}
const metrics = createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: unknown;
    if (url.pathname === '/memory') {
      for (let i = 0; i < 3; i += 1) gc();
      body = { heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss, ...server.boards.metrics() };
    } else if (url.pathname === '/coldload') {
      // ?board=legacy: the board in the older note shape. Wall time and this process's CPU time
      // (nothing else runs in it meanwhile; the CPU time moves less with the machine's load).
      const [id, stored] =
        url.searchParams.get('board') === 'legacy' ? [legacy.id, legacyStored] : [large.id, bigStored];
      const cpu = () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      };
      // Baseline first: the same stored state applied to a bare Y.Doc, nothing else (a full GC
      // before each, so neither pays for the other's garbage).
      gc();
      const bareStarted = performance.now();
      const bareCpu = cpu();
      const bare = new Y.Doc();
      applyStoredState(bare, stored);
      const bareCpuMs = cpu() - bareCpu;
      const bareMs = performance.now() - bareStarted;
      bare.destroy();
      gc();
      // Loading through Hocuspocus as the first connection would: database, Yjs, the extensions.
      const name = boardDocumentName(id);
      const started = performance.now();
      const startedCpu = cpu();
      const connection = await server.boards.hocuspocus.openDirectConnection(name, {});
      const cpuMs = cpu() - startedCpu;
      const ms = performance.now() - started;
      await connection.disconnect();
      for (let i = 0; i < 50 && server.boards.documents.isLoaded(name); i += 1)
        await new Promise((r) => setTimeout(r, 10));
      body = { ms, cpuMs, bareMs, bareCpuMs, unloaded: !server.boards.documents.isLoaded(name) };
    } else if (url.pathname === '/hold') {
      // Opens the small boards (as if each had one editor) to measure memory per board.
      for (const id of small) held.push(await server.boards.hocuspocus.openDirectConnection(boardDocumentName(id), {}));
      body = { held: held.length };
    } else if (url.pathname === '/profile/start' && inspector) {
      await inspector.post('Profiler.start');
      body = { profiling: true };
    } else if (url.pathname === '/profile/stop' && inspector) {
      const { profile } = await inspector.post('Profiler.stop');
      const file = `${profileDir}/boards-${url.searchParams.get('name') ?? 'phase'}.cpuprofile`;
      await writeFile(file, JSON.stringify(profile));
      body = { file };
    } else if (url.pathname === '/release') {
      for (const connection of held.splice(0)) await connection.disconnect();
      body = { held: 0 };
    }
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  })();
});
metrics.listen(0, '127.0.0.1', () => {
  console.log(
    JSON.stringify({
      ready: server.url,
      metrics: `http://127.0.0.1:${(metrics.address() as AddressInfo).port}`,
      cookies,
      board: boardDocumentName(board.id),
      large: boardDocumentName(large.id),
      largeBytes: bigStored.byteLength,
      legacyBytes: legacyStored.byteLength,
      largeV1Bytes: big.state.byteLength,
      smallBoards: small.length,
    }),
  );
});
process.on('SIGTERM', async () => {
  console.log(JSON.stringify({ boards: server.boards.metrics() }));
  await server.stop();
  await database.close();
  process.exit(0);
});
