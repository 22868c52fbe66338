// The board bench's saturation sweep (bench/boards.ts): where a sync server stops keeping up.
//
// The fan-out run of boards.ts offers 200 updates/s and both servers deliver all of them, so its
// deliveries/s only say how many updates the writers managed to send. Here the offered load rises
// step by step until a server falls behind. To make the server, not this process, the part that
// saturates, the clients are light: raw WebSockets that speak just enough of each protocol to
// join the board. Writers send updates made on a Yjs document of their own (never synced: each
// edits only its own note, so its updates depend only on its own earlier ones); receivers only
// count the update messages they get (a few header bytes compared, nothing decoded or applied).
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One server under test: how to reach its board, and its process (for its CPU time). */
export interface SweepTarget {
  name: string;
  kind: 'shishin' | 'reference';
  /** http://host:port of the server. */
  url: string;
  /** Document (Hocuspocus) or room (y-websocket) name. */
  document: string;
  cookies: string[];
  pid: number;
}

export interface SweepStep {
  /** Updates per second and writer asked for. */
  rate: number;
  /** Updates per second the writers actually sent. */
  offered: number;
  /** Deliveries per second offered: offered × receivers. */
  offeredDeliveries: number;
  expected: number;
  delivered: number;
  /** Delivered within DRAIN_MS of the last send (what "keeping up" asks). */
  deliveredInTime: number;
  /** From the last send to the last delivery. */
  drainMs: number;
  /** Deliveries ÷ (last delivery − first send). */
  deliveriesPerSecond: number;
  /** CPU of the server process and of this process, as a share of one core, over the step. */
  serverCpu: number;
  benchCpu: number;
  /** The step's length, from its first send until its deliveries were counted. */
  spanMs: number;
  keptUp: boolean;
}

const WRITERS = 10;
const RECEIVERS = 40;
/** A step counts as kept up when every delivery arrived within this long of the last send. */
export const DRAIN_MS = 1000;

interface Wire {
  ready: Promise<void>;
  send(update: Uint8Array): void;
  /** Update messages received, and when the last one came. */
  received: number;
  last: number;
  close(): void;
}

function frame(kind: SweepTarget['kind'], document: string, write: (encoder: encoding.Encoder) => void) {
  const encoder = encoding.createEncoder();
  if (kind === 'shishin') encoding.writeVarString(encoder, document);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function openWire(target: SweepTarget, cookie: string | undefined): Wire {
  const base = target.url.replace(/^http/, 'ws');
  const address = target.kind === 'shishin' ? `${base}/boards` : `${base}/${target.document}`;
  const ws = new WebSocket(address, { headers: cookie ? { cookie } : {} });
  ws.binaryType = 'nodebuffer';
  ws.on('error', () => {});
  // An update broadcast: [document name (Hocuspocus)] 0 (sync) 2 (update) …
  const prefix = frame(target.kind, target.document, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
  });
  // Hocuspocus' answer to the token: [name] 2 (auth) 2 (authenticated) …
  const authenticated = frame(target.kind, target.document, (e) => {
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint(e, 2);
  });
  const starts = (data: Buffer, bytes: Uint8Array) => {
    if (data.length < bytes.length) return false;
    for (let i = 0; i < bytes.length; i += 1) if (data[i] !== bytes[i]) return false;
    return true;
  };
  let resolveReady: () => void;
  const wire: Wire = {
    ready: new Promise<void>((resolve, reject) => {
      resolveReady = resolve;
      ws.once('close', () => reject(new Error(`${target.name}: socket closed while joining`)));
    }),
    send: (update) =>
      ws.send(
        frame(target.kind, target.document, (e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint8Array(e, update);
        }),
      ),
    received: 0,
    last: 0,
    close: () => ws.close(),
  };
  ws.on('message', (data: Buffer) => {
    if (starts(data, prefix)) {
      wire.received += 1;
      wire.last = now();
    } else if (target.kind === 'shishin' && starts(data, authenticated)) resolveReady();
  });
  ws.on('open', () => {
    if (target.kind === 'reference') {
      resolveReady();
      return;
    }
    ws.send(
      frame('shishin', target.document, (e) => {
        encoding.writeVarUint(e, 2); // auth
        encoding.writeVarUint(e, 0); // token (the session cookie is what counts)
        encoding.writeVarString(e, '');
      }),
    );
  });
  return wire;
}

/** utime + stime of a process, in ms (Linux /proc; clock ticks of 10 ms). */
async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Board {
  target: SweepTarget;
  writers: { wire: Wire; doc: Y.Doc; note: Y.Map<unknown> }[];
  receivers: Wire[];
}

async function join(target: SweepTarget, run: string): Promise<Board> {
  const cookie = (i: number) => (target.cookies.length ? target.cookies[i % target.cookies.length] : undefined);
  const writers = Array.from({ length: WRITERS }, (_, i) => {
    const wire = openWire(target, cookie(i));
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => wire.send(update));
    return { wire, doc, note: new Y.Map<unknown>(), index: i };
  });
  const receivers = Array.from({ length: RECEIVERS }, (_, i) => openWire(target, cookie(WRITERS + i)));
  await Promise.all([...writers.map((w) => w.wire.ready), ...receivers.map((r) => r.ready)]);
  // Each writer's note, then wait until every receiver has all of them (everyone has joined).
  for (const writer of writers) {
    writer.doc.transact(() => {
      writer.note.set('text', new Y.Text(`${run} writer ${writer.index}`));
      writer.note.set('rect', [writer.index * 200, 0, 160, 120]);
      for (const [k, v] of Object.entries({ color: 'yellow', seq: 0 })) writer.note.set(k, v);
      writer.doc.getMap('notes').set(`${run}-w${writer.index}`, writer.note);
    });
  }
  const end = now() + 10_000;
  while (receivers.some((r) => r.received < WRITERS) && now() < end) await sleep(20);
  return { target, writers, receivers };
}

async function step(board: Board, rate: number, seconds: number): Promise<SweepStep> {
  for (const r of board.receivers) r.received = 0;
  const serverCpu0 = await processCpuMs(board.target.pid);
  const benchCpu0 = process.cpuUsage();
  let perWriter = 0;
  const started = now();
  const stopAt = started + seconds * 1000;
  let lastSend = started;
  // One timer for all writers; each tick sends what is due, so a late tick catches up.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const t = Math.min(now(), stopAt);
      const due = Math.floor(((t - started) / 1000) * rate);
      while (perWriter < due) {
        perWriter += 1;
        for (const writer of board.writers) {
          writer.doc.transact(() => {
            writer.note.set('seq', perWriter);
            writer.note.set('rect', [(perWriter % 50) * 10, 0, 160, 120]);
          });
        }
      }
      lastSend = now();
      if (t >= stopAt) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  const sent = perWriter * WRITERS;
  const expected = sent * RECEIVERS;
  const total = () => board.receivers.reduce((n, r) => n + r.received, 0);
  let inTime = 0;
  const give = lastSend + 5 * DRAIN_MS;
  while (total() < expected && now() < give) {
    if (now() <= lastSend + DRAIN_MS) inTime = total();
    await sleep(10);
  }
  const delivered = total();
  const lastDelivery = Math.max(...board.receivers.map((r) => r.last));
  const drainMs = lastDelivery - lastSend;
  if (delivered >= expected && drainMs <= DRAIN_MS) inTime = delivered;
  const benchCpu = process.cpuUsage(benchCpu0);
  const serverCpuMs = (await processCpuMs(board.target.pid)) - serverCpu0;
  const span = now() - started;
  const sendSeconds = (lastSend - started) / 1000;
  // Let whatever is still queued arrive before the next step.
  await sleep(500);
  return {
    rate,
    offered: sent / sendSeconds,
    offeredDeliveries: (sent * RECEIVERS) / sendSeconds,
    expected,
    delivered,
    deliveredInTime: inTime,
    drainMs,
    deliveriesPerSecond: delivered / ((lastDelivery - started) / 1000),
    serverCpu: serverCpuMs / span,
    benchCpu: (benchCpu.user + benchCpu.system) / 1000 / span,
    spanMs: span,
    keptUp: inTime >= expected,
  };
}

/**
 * Raises the offered load step by step on each target, alternating between them at every step
 * (so that load from elsewhere on the machine falls on both), until each has fallen behind once.
 */
export async function saturationSweep(
  targets: SweepTarget[],
  rates: number[],
  seconds: number,
): Promise<Map<string, SweepStep[]>> {
  const run = `sweep-${Date.now()}`;
  const boards: Board[] = [];
  for (const target of targets) boards.push(await join(target, run));
  const results = new Map<string, SweepStep[]>(targets.map((t) => [t.name, []]));
  try {
    for (const rate of rates) {
      for (const board of boards) {
        const steps = results.get(board.target.name)!;
        if (steps.some((s) => !s.keptUp)) continue;
        steps.push(await step(board, rate, seconds));
      }
      if ([...results.values()].every((steps) => steps.some((s) => !s.keptUp))) break;
    }
  } finally {
    for (const board of boards) {
      for (const writer of board.writers) {
        writer.wire.close();
        writer.doc.destroy();
      }
      for (const receiver of board.receivers) receiver.close();
    }
  }
  return results;
}

export { RECEIVERS as SWEEP_RECEIVERS, WRITERS as SWEEP_WRITERS };
