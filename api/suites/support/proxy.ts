// A TCP proxy between board clients and the api server that delays, holds and cuts delivery,
// per connection and direction. WebSocket runs over one ordered TCP stream, so within a
// connection bytes keep their order (anything else would just break the framing); what the
// proxy changes is *when* each connection's bytes arrive, which reorders messages across
// connections — the same thing a slow or stalled network does to a real workshop.
import net from 'node:net';
import type { Prng } from './prng.ts';

export interface FaultPlan {
  /** Largest extra delay per chunk, in ms (0: forward at once). */
  maxDelayMs: number;
  /** Chance, per chunk, that the direction stalls (holds everything) for up to `maxHoldMs`. */
  holdChance: number;
  maxHoldMs: number;
}

export const NO_FAULTS: FaultPlan = { maxDelayMs: 0, holdChance: 0, maxHoldMs: 0 };

interface Pipe {
  from: net.Socket;
  to: net.Socket;
  queue: { at: number; chunk: Buffer }[];
  heldUntil: number;
  timer: NodeJS.Timeout | null;
}

interface Link {
  client: net.Socket;
  upstream: net.Socket;
  pipes: Pipe[];
}

export class FaultyProxy {
  private readonly server: net.Server;
  private readonly links = new Set<Link>();
  /** Where new connections go; change it when the server restarts on another port. */
  target: { host: string; port: number };
  plan: FaultPlan;
  port = 0;

  constructor(
    target: { host: string; port: number },
    private readonly prng: Prng,
    plan: FaultPlan = NO_FAULTS,
  ) {
    this.target = target;
    this.plan = plan;
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  get connections(): number {
    return this.links.size;
  }

  private accept(client: net.Socket): void {
    client.setNoDelay(true);
    const upstream = net.connect(this.target.port, this.target.host);
    upstream.setNoDelay(true);
    const link: Link = { client, upstream, pipes: [] };
    link.pipes = [this.pipe(client, upstream), this.pipe(upstream, client)];
    this.links.add(link);
    const end = () => this.drop(link);
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }

  private pipe(from: net.Socket, to: net.Socket): Pipe {
    const pipe: Pipe = { from, to, queue: [], heldUntil: 0, timer: null };
    from.on('data', (chunk: Buffer) => {
      const now = Date.now();
      const { maxDelayMs, holdChance, maxHoldMs } = this.plan;
      if (holdChance > 0 && this.prng.chance(holdChance)) {
        pipe.heldUntil = Math.max(pipe.heldUntil, now + this.prng.int(1, maxHoldMs));
      }
      const last = pipe.queue.at(-1)?.at ?? 0;
      const at = Math.max(last, pipe.heldUntil, now + (maxDelayMs > 0 ? this.prng.int(0, maxDelayMs) : 0));
      pipe.queue.push({ at, chunk });
      this.pump(pipe);
    });
    return pipe;
  }

  private pump(pipe: Pipe): void {
    if (pipe.timer) return;
    const now = Date.now();
    while (pipe.queue.length > 0 && pipe.queue[0]!.at <= now) {
      const { chunk } = pipe.queue.shift()!;
      if (!pipe.to.destroyed) pipe.to.write(chunk);
    }
    if (pipe.queue.length > 0) {
      pipe.timer = setTimeout(
        () => {
          pipe.timer = null;
          this.pump(pipe);
        },
        Math.max(1, pipe.queue[0]!.at - now),
      );
    }
  }

  private drop(link: Link): void {
    if (!this.links.delete(link)) return;
    for (const pipe of link.pipes) {
      if (pipe.timer) clearTimeout(pipe.timer);
      pipe.timer = null;
      pipe.queue = [];
    }
    link.client.destroy();
    link.upstream.destroy();
  }

  /** Cuts one random connection (both sides see the TCP connection reset); false when there is none. */
  cutOne(): boolean {
    const links = [...this.links];
    if (links.length === 0) return false;
    this.drop(this.prng.pick(links));
    return true;
  }

  /** Stops delaying: everything held is delivered now, in order, and new bytes pass at once. */
  heal(): void {
    this.plan = NO_FAULTS;
    for (const link of this.links) {
      for (const pipe of link.pipes) {
        pipe.heldUntil = 0;
        for (const item of pipe.queue) item.at = 0;
        if (pipe.timer) clearTimeout(pipe.timer);
        pipe.timer = null;
        this.pump(pipe);
      }
    }
  }

  async close(): Promise<void> {
    for (const link of [...this.links]) this.drop(link);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
