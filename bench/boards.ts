// `pnpm bench` (BENCH_ONLY=boards): the board sync server beside the stock y-websocket
// reference server (@y/websocket-server 0.1.1), measured in the same run with the same load.
// Servers run in child processes; this process runs every client. Nothing here is asserted.
//
// - fan-out: 50 clients on one board, 10 of them writing 20 updates/s each: delivery latency
//   from an update to every other client (p50/p99), and deliveries per second;
// - durability (Shishin): share of updates whose `saved` acknowledgement came within 600 ms;
// - a 10,000-note board: encoded size, server cold load, first client fully synced;
// - memory of the server process per board, per connection, after 1,000 connect/disconnect cycles.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { bigBoard } from './boards-data.ts';
import {
  DRAIN_MS,
  saturationSweep,
  SWEEP_RECEIVERS,
  SWEEP_WRITERS,
  type SweepStep,
  type SweepTarget,
} from './boards-saturation.ts';

const SECONDS = Number(process.env.BENCH_BOARD_SECONDS ?? 10);
const CLIENTS = 50;
const WRITERS = 10;
const RATE = 20;
const CYCLES = Number(process.env.BENCH_BOARD_CYCLES ?? 1000);
/** Updates per second and writer at each step of the saturation sweep; BENCH_BOARD_SWEEP=0 skips it. */
const SWEEP = (process.env.BENCH_BOARD_SWEEP ?? '20,50,100,200,300,400,600,800')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const STEP_SECONDS = Number(process.env.BENCH_BOARD_STEP_SECONDS ?? 3);
const COLD_LOADS = Number(process.env.BENCH_BOARD_COLD_LOADS ?? 5);

const now = () => performance.timeOrigin + performance.now();
// y-websocket adds one process 'exit' listener per provider (removed on destroy): 50 at once.
process.setMaxListeners(CLIENTS + 10);
/** A directory: the Shishin server child writes one V8 CPU profile per phase there. */
const PROFILE = process.env.BENCH_CPU_PROF;

export interface Child {
  info: Record<string, unknown>;
  pid: number;
  messages: Record<string, unknown>[];
  stop(): Promise<void>;
}

export async function startChild(script: string): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: new URL('.', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const messages: Record<string, unknown>[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const message = JSON.parse(line) as Record<string, unknown>;
        messages.push(message);
        if (typeof message.ready === 'string') resolve(message);
      } catch {
        // not ours
      }
    });
    void exited.then(() => reject(new Error(`${script} exited before it was ready`)));
  });
  return {
    info,
    pid: child.pid!,
    messages,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Client {
  doc: Y.Doc;
  synced: Promise<void>;
  /** Local updates sent, with their send time; `saved[i]` when the server acknowledged them durable. */
  sent: number[];
  saved: number[];
  destroy(): void;
}

function cookieSocket(cookie: string | undefined) {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: cookie ? { cookie } : {} });
      this.on('error', () => {});
    }
  };
}

export function shishinClient(url: string, name: string, cookie: string): Client {
  const doc = new Y.Doc();
  const sent: number[] = [];
  const saved: number[] = [];
  const socket = new HocuspocusProviderWebsocket({
    url: `${url.replace(/^http/, 'ws')}/boards`,
    WebSocketPolyfill: cookieSocket(cookie),
    maxAttempts: 1,
  });
  let provider: HocuspocusProvider;
  const synced = new Promise<void>((resolve, reject) => {
    provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: doc,
      token: '',
      onSynced: () => resolve(),
      onAuthenticationFailed: ({ reason }) => reject(new Error(reason)),
      onStateless: ({ payload }) => {
        const message = JSON.parse(payload) as { type: string; updates?: number };
        if (message.type !== 'saved') return;
        const at = now();
        for (let i = saved.length; i < Math.min(message.updates ?? 0, sent.length); i += 1) saved.push(at);
      },
    });
    provider.attach();
  });
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) sent.push(now());
  });
  return {
    doc,
    synced,
    sent,
    saved,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

function referenceClient(url: string, name: string): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url.replace(/^http/, 'ws'), name, doc, {
    WebSocketPolyfill: cookieSocket(undefined) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return {
    doc,
    synced,
    sent: [],
    saved: [],
    destroy() {
      provider.destroy();
      // y-websocket's destroy() leaves the awareness it created running (a setInterval that
      // keeps this process alive); the awareness ends with its document.
      doc.destroy();
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface FanOut {
  p50: number;
  p99: number;
  /** p99 of the time until the *last* client had an update. */
  allP99: number;
  /** Deliveries ÷ the writers' sending time (the measure of earlier runs). */
  deliveriesPerSecond: number;
  /** Deliveries ÷ (last delivery − first send): the tail counts. */
  spanPerSecond: number;
  /** Updates per second the writers managed to send (asked: WRITERS × RATE). */
  sentPerSecond: number;
  expected: number;
  delivered: number;
  clients: Client[];
}

export async function fanOut(connect: (i: number) => Client): Promise<FanOut> {
  const clients = Array.from({ length: CLIENTS }, (_, i) => connect(i));
  await Promise.all(clients.map((c) => c.synced));
  const writers = clients.slice(0, WRITERS);
  writers.forEach((writer, i) =>
    writer.doc.transact(() => {
      const note = new Y.Map<unknown>();
      note.set('text', new Y.Text(`writer ${i}`));
      note.set('rect', [i * 200, 0, 160, 120]);
      for (const [k, v] of Object.entries({ color: 'yellow', t: 0, seq: 0 })) note.set(k, v);
      writer.doc.getMap('notes').set(`w${i}`, note);
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const samples: number[] = [];
  let lastDelivery = 0;
  const lastArrival = new Map<string, { sent: number; last: number; count: number }>();
  for (const client of clients) {
    client.doc.getMap('notes').observeDeep((events, transaction) => {
      if (transaction.local) return;
      const at = now();
      for (const event of events) {
        if (!(event.target instanceof Y.Map) || !(event as Y.YMapEvent<unknown>).keysChanged.has('t')) continue;
        const sent = event.target.get('t') as number;
        const key = `${event.target.get('text')?.toString()}:${event.target.get('seq')}`;
        samples.push(at - sent);
        lastDelivery = at;
        const entry = lastArrival.get(key) ?? { sent, last: at, count: 0 };
        entry.last = Math.max(entry.last, at);
        entry.count += 1;
        lastArrival.set(key, entry);
      }
    });
  }
  let seq = 0;
  const started = now();
  const timers = writers.map((writer, i) =>
    setInterval(() => {
      seq += 1;
      const note = writer.doc.getMap<Y.Map<unknown>>('notes').get(`w${i}`)!;
      writer.doc.transact(() => {
        note.set('seq', seq);
        note.set('rect', [(seq % 50) * 10, 0, 160, 120]);
        note.set('t', now());
      });
    }, 1000 / RATE),
  );
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  for (const timer of timers) clearInterval(timer);
  const elapsed = (now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const expected = seq * (CLIENTS - 1);
  const full = [...lastArrival.values()].filter((e) => e.count >= CLIENTS - 1).map((e) => e.last - e.sent);
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    allP99: percentile(full, 99),
    deliveriesPerSecond: samples.length / elapsed,
    spanPerSecond: samples.length / ((lastDelivery - started) / 1000),
    sentPerSecond: seq / elapsed,
    expected,
    delivered: samples.length,
    clients,
  };
}

/** Runs `phase` while the Shishin server records a CPU profile (BENCH_CPU_PROF), else just runs it. */
async function profiled<T>(metricsUrl: string, name: string, phase: () => Promise<T>): Promise<T> {
  if (!PROFILE) return phase();
  await fetch(`${metricsUrl}/profile/start`);
  try {
    return await phase();
  } finally {
    const { file } = (await (await fetch(`${metricsUrl}/profile/stop?name=${name}`)).json()) as { file: string };
    console.log(`CPU profile of the Shishin server (${name}): ${file}`);
  }
}

async function memory(metricsUrl: string): Promise<{ heapUsed: number; documents: number; connections: number }> {
  return (await fetch(`${metricsUrl}/memory`)).json() as Promise<{
    heapUsed: number;
    documents: number;
    connections: number;
  }>;
}

/**
 * Throughput: the offered load rises until each server falls behind (boards-saturation.ts),
 * alternating between the two at every step. The goal's ratio is the highest load each kept up with.
 */
async function sweep(shishin: Child): Promise<void> {
  const reference = await startChild('servers/boards-reference.ts');
  try {
    const cookies = shishin.info.cookies as string[];
    const targets: SweepTarget[] = [
      {
        name: 'y-websocket reference',
        kind: 'reference',
        url: reference.info.ready as string,
        document: 'sweep',
        cookies: [],
        pid: reference.pid,
      },
      {
        name: 'Shishin /boards',
        kind: 'shishin',
        url: shishin.info.ready as string,
        document: shishin.info.board as string,
        cookies,
        pid: shishin.pid,
      },
    ];
    console.log(
      `\nsaturation: ${SWEEP_WRITERS} writers, ${SWEEP_RECEIVERS} receivers that only count (raw sockets, nothing applied), ${STEP_SECONDS} s per step; kept up = every delivery within ${DRAIN_MS} ms of the last send`,
    );
    const results = await saturationSweep(targets, SWEEP, STEP_SECONDS);
    // Server CPU time per delivery: what a step costs the server, whatever share of the machine
    // it got (on a loaded machine "kept up" moves with the load; this moves less).
    const perDelivery = (s: SweepStep) => (s.serverCpu * s.spanMs * 1000) / Math.max(1, s.delivered);
    const best = new Map<string, number>();
    for (const [name, steps] of results) {
      for (const s of steps) {
        console.log(
          `  ${name.padEnd(22)} ${String(s.rate).padStart(4)}/s per writer: sent ${s.offered.toFixed(0).padStart(5)} updates/s → ${s.offeredDeliveries.toFixed(0).padStart(6)} deliveries/s offered; delivered ${((100 * s.delivered) / s.expected).toFixed(1).padStart(5)}% (${((100 * s.deliveredInTime) / s.expected).toFixed(1)}% in time), drain ${s.drainMs.toFixed(0).padStart(5)} ms, ${s.deliveriesPerSecond.toFixed(0).padStart(6)} deliveries/s; CPU server ${(100 * s.serverCpu).toFixed(0)}% (${perDelivery(s).toFixed(1)} µs per delivery), bench ${(100 * s.benchCpu).toFixed(0)}% of a core${s.keptUp ? '' : '  ← fell behind'}`,
        );
        if (s.keptUp) best.set(name, Math.max(best.get(name) ?? 0, s.offeredDeliveries));
      }
    }
    const [ref, ours] = targets.map((t) => best.get(t.name) ?? 0);
    const open = (name: string) =>
      results.get(name)!.every((s) => s.keptUp) ? ' (kept up at every step: at least)' : '';
    // At the steps both kept up: the ratio of server CPU per delivery (reference ÷ Shishin) is
    // how many deliveries Shishin makes of one core's time against the reference.
    const both = SWEEP.flatMap((rate) => {
      const [r, o] = targets.map((t) => results.get(t.name)!.find((s) => s.rate === rate && s.keptUp));
      return r && o ? [perDelivery(r) / perDelivery(o)] : [];
    });
    console.log(
      `  deliveries per second of server CPU, Shishin / reference, median over the ${both.length} steps both kept up: ${percentile(both, 50).toFixed(2)}× (steps: ${both.map((x) => x.toFixed(2)).join(', ')})`,
    );
    console.log(
      `  highest load kept up: reference ${ref!.toFixed(0)}${open(targets[0]!.name)}, Shishin ${ours!.toFixed(0)}${open(targets[1]!.name)} deliveries/s → Shishin / reference ${(ours! / ref!).toFixed(2)}×   (goal ≥ 1.0×)`,
    );
  } finally {
    await reference.stop();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function boardsBench(): Promise<void> {
  console.log(`\nBoards: ${CLIENTS} clients on one board, ${WRITERS} writing ${RATE} updates/s each for ${SECONDS} s`);
  const reference = await startChild('servers/boards-reference.ts');
  const shishin = await startChild('servers/boards-shishin.ts');
  const url = shishin.info.ready as string;
  const metricsUrl = shishin.info.metrics as string;
  const cookies = shishin.info.cookies as string[];
  try {
    const m0 = await memory(metricsUrl);

    const ref = await fanOut(() => referenceClient(reference.info.ready as string, 'bench-board'));
    for (const client of ref.clients) client.destroy();
    await reference.stop();

    const ours = await profiled(metricsUrl, 'fan-out', () =>
      fanOut((i) => shishinClient(url, shishin.info.board as string, cookies[i % cookies.length]!)),
    );
    const withClients = await memory(metricsUrl);
    const sent = ours.clients.flatMap((c) => c.sent.map((t, i) => ({ t, saved: c.saved[i] })));
    const durable = sent.filter((s) => s.saved !== undefined && s.saved - s.t <= 600).length;
    const savedLatency = sent.filter((s) => s.saved !== undefined).map((s) => s.saved! - s.t);
    for (const client of ours.clients) client.destroy();

    const row = (name: string, r: FanOut) =>
      `${name.padEnd(34)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   last client p99 ${r.allP99.toFixed(1).padStart(6)} ms   ${r.deliveriesPerSecond.toFixed(0).padStart(6)} deliveries/s (${r.delivered}/${r.expected})`;
    const offered = (name: string, r: FanOut) =>
      `${''.padEnd(34)} sent ${r.sentPerSecond.toFixed(0)} updates/s of ${WRITERS * RATE} asked; delivered ÷ offered ${((100 * r.delivered) / Math.max(1, r.expected)).toFixed(1)}%; until the last delivery ${r.spanPerSecond.toFixed(0)} deliveries/s`;
    console.log(row('y-websocket reference server', ref));
    console.log(offered('reference', ref));
    console.log(row('Shishin /boards (Hocuspocus)', ours));
    console.log(offered('Shishin', ours));
    console.log(
      `at this load, Shishin / reference: deliveries/s ${(ours.deliveriesPerSecond / ref.deliveriesPerSecond).toFixed(2)}× (delivered ÷ writing time; moves with what the writers sent), ${(ours.spanPerSecond / ref.spanPerSecond).toFixed(2)}× until the last delivery; Shishin p99 ${ours.p99.toFixed(1)} ms (goal ≤ 50 ms); p99 Shishin / reference ${(ours.p99 / ref.p99).toFixed(2)}×`,
    );
    console.log(
      `durability: ${durable}/${sent.length} updates acknowledged as saved within 600 ms = ${((100 * durable) / Math.max(1, sent.length)).toFixed(1)}% (goal ≥ 95%); saved p50 ${percentile(savedLatency, 50).toFixed(0)} ms, p99 ${percentile(savedLatency, 99).toFixed(0)} ms`,
    );

    // Memory per connection: 50 connections on one (now written-on) board, against the start.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const afterFanOut = await memory(metricsUrl);
    console.log(
      `memory: ${CLIENTS} connections on one board ${mb(withClients.heapUsed - m0.heapUsed)} → ${kb((withClients.heapUsed - m0.heapUsed) / CLIENTS)} per connection (board included); after they left: documents ${afterFanOut.documents}, connections ${afterFanOut.connections}, heap ${mb(afterFanOut.heapUsed - m0.heapUsed)} above the start`,
    );
    await fetch(`${metricsUrl}/hold`);
    const held = await memory(metricsUrl);
    await fetch(`${metricsUrl}/release`);
    console.log(
      `memory per loaded board (100 notes, document + log): ${kb((held.heapUsed - afterFanOut.heapUsed) / 20)}`,
    );

    const beforeCycles = await memory(metricsUrl);
    for (let i = 0; i < CYCLES; i += 10) {
      const batch = Array.from({ length: 10 }, (_, j) =>
        shishinClient(url, shishin.info.board as string, cookies[(i + j) % cookies.length]!),
      );
      await Promise.all(batch.map((c) => c.synced));
      for (const client of batch) client.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const afterCycles = await memory(metricsUrl);
    console.log(
      `memory after ${CYCLES} connect/disconnect cycles: ${mb(afterCycles.heapUsed - beforeCycles.heapUsed)} heap change; documents ${afterCycles.documents}, connections ${afterCycles.connections}`,
    );

    // The 10,000-note board: size, cold load on the server, first client fully synced.
    // Each cold load COLD_LOADS times (the board unloaded in between), alternating with the
    // board in the older note shape; the medians are printed.
    type ColdLoad = { ms: number; cpuMs: number; bareMs: number; bareCpuMs: number; unloaded: boolean };
    const coldLoads: ColdLoad[] = [];
    const legacyLoads: ColdLoad[] = [];
    await profiled(metricsUrl, 'cold-load', async () => {
      for (let i = 0; i < COLD_LOADS; i += 1) {
        coldLoads.push((await (await fetch(`${metricsUrl}/coldload`)).json()) as ColdLoad);
        legacyLoads.push((await (await fetch(`${metricsUrl}/coldload?board=legacy`)).json()) as ColdLoad);
      }
    });
    const median = (loads: ColdLoad[], key: keyof Omit<ColdLoad, 'unloaded'>) =>
      percentile(
        loads.map((l) => l[key]),
        50,
      );
    const { first, firstSync } = await profiled(metricsUrl, 'first-sync', async () => {
      const started = now();
      const client = shishinClient(url, shishin.info.large as string, cookies[0]!);
      await client.synced;
      return { first: client, firstSync: now() - started };
    });
    const notes = first.doc.getMap('notes').size;
    // A second client while the board is loaded (no database, no load).
    const warmStarted = now();
    const second = shishinClient(url, shishin.info.large as string, cookies[1]!);
    await second.synced;
    const warmSync = now() - warmStarted;
    second.destroy();
    first.destroy();

    // The reference server holding the same board in memory: one client uploads it, a fresh one syncs.
    const reference2 = await startChild('servers/boards-reference.ts');
    let referenceSync = Number.NaN;
    let referenceNotes = 0;
    try {
      const uploader = referenceClient(reference2.info.ready as string, 'large');
      Y.applyUpdate(uploader.doc, bigBoard(10_000).state);
      await uploader.synced;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const refStarted = now();
      const fresh = referenceClient(reference2.info.ready as string, 'large');
      await fresh.synced;
      referenceSync = now() - refStarted;
      referenceNotes = fresh.doc.getMap('notes').size;
      fresh.destroy();
      uploader.destroy();
    } finally {
      await reference2.stop();
    }
    console.log(
      `10,000-note board: stored ${mb(shishin.info.largeBytes as number)} (goal ≤ 2 MB; Yjs V1, as sent to a new client, ${mb(shishin.info.largeV1Bytes as number)})`,
    );
    const coldLine = (loads: ColdLoad[]) =>
      `${median(loads, 'ms').toFixed(0)} ms (CPU ${median(loads, 'cpuMs').toFixed(0)} ms); the same state applied to a bare Y.Doc in the same process ${median(loads, 'bareMs').toFixed(0)} ms (CPU ${median(loads, 'bareCpuMs').toFixed(0)} ms)`;
    console.log(`  server cold load, median of ${COLD_LOADS}: ${coldLine(coldLoads)}   (goal ≤ 200 ms)`);
    console.log(
      `  the same board in the older note shape (x/y/w/h keys, a reactions map per note; stored ${mb(shishin.info.legacyBytes as number)}): ${coldLine(legacyLoads)}`,
    );
    console.log(
      `  first client fully synced ${firstSync.toFixed(0)} ms with ${notes} notes (goal ≤ 1 s; board not loaded); a second client ${warmSync.toFixed(0)} ms (board loaded); y-websocket reference server, board in memory, ${referenceSync.toFixed(0)} ms with ${referenceNotes} notes`,
    );

    if (SWEEP.length > 0) await sweep(shishin);
  } finally {
    await shishin.stop();
    await reference.stop().catch(() => {});
  }
}

const only = process.env.BENCH_ONLY?.split(',');
if (import.meta.url === `file://${process.argv[1]}` && (!only || only.includes('boards'))) await boardsBench();
