// Subscription fan-out: N graphql-ws subscribers on one subject, one event published,
// latency from the server's publication of the event to each subscriber's receipt, and, as a
// second reading, from the start of the triggering request. Several fan-outs can be open at
// once, so run.ts alternates events between two servers and both see the same machine (other
// load on it included).
//
// Instants are wall-clock milliseconds, performance.timeOrigin + performance.now(), in the
// server (the publication, servers/publish-clock.ts) and here (the trigger and each
// receipt): one machine, one clock.
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface FanOutOptions {
  wsUrl: string;
  subscribers: number;
  query: string;
  variables?: Record<string, unknown>;
  /** Handshake headers of subscriber i (its session cookie). */
  headers?: (index: number) => Record<string, string>;
  /** Sends one event (an HTTP request to the server); resolves when the server answered. */
  trigger: () => Promise<void>;
  /** GET: the instants the server published events at since the last call (publish-clock.ts). */
  publishedUrl: string;
}

/** Latencies of every delivery, and the delivery rate, measured from one origin per event. */
export interface Latencies {
  p50: number;
  p99: number;
  max: number;
  /** Deliveries per second: subscribers reached ÷ (last receipt − origin), over all events. */
  deliveryRate: number;
  /** Median time from the origin to an event's first receipt. */
  firstP50: number;
}

export interface FanOutResult {
  /** From the server's publication of the event (after the commit) — what the goal is about. */
  fromPublish: Latencies;
  /** From the start of the triggering request (the mutation, or POST /publish, included). */
  fromTrigger: Latencies;
  /** Deliveries per second from an event's first receipt to its last: the fan-out alone. */
  spreadRate: number;
  /** Round-trip of the triggering request itself (the mutation), over the measured events. */
  trigger: { p50: number; max: number };
  /** From the start of the triggering request to the publication (the mutation up to its commit). */
  untilPublish: { p50: number; max: number };
  /** Events whose publication instant fell outside their trigger's round-trip (a clock problem; should be 0). */
  outsideTrigger: number;
  events: number;
}

const wallClock = () => performance.timeOrigin + performance.now();

async function published(url: string): Promise<number[]> {
  const response = await fetch(url);
  return ((await response.json()) as { published: number[] }).published;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface FanOut {
  /** Sends one event and waits until every subscriber received it; records its timings. */
  event(): Promise<void>;
  /** The timings of the events sent so far. */
  result(): FanOutResult;
  close(): Promise<void>;
}

/** Opens the subscribers and waits until all of them listen (warm-up events are not recorded). */
export async function openFanOut(options: Omit<FanOutOptions, 'events'>): Promise<FanOut> {
  const clients: Client[] = [];
  let listener: ((index: number) => void) | undefined;
  let connected = 0;
  for (let i = 0; i < options.subscribers; i += 1) {
    const headers = options.headers?.(i) ?? {};
    class HeaderSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    }
    const client = createClient({ url: options.wsUrl, webSocketImpl: HeaderSocket, retryAttempts: 0, lazy: false });
    clients.push(client);
    client.on('connected', () => (connected += 1));
    client.subscribe(
      { query: options.query, variables: options.variables ?? {} },
      {
        next: () => listener?.(i),
        error: (error) => {
          throw new Error(`subscriber ${i} failed: ${JSON.stringify(error)}`);
        },
        complete: () => {},
      },
    );
  }

  // Let the handshakes (and the subscriptions sent right after them) through before the first
  // warm-up event: a thousand at once keep the server busy for a while, and the bench measures
  // events, not a mutation during a connection storm.
  for (let i = 0; i < 600 && connected < options.subscribers; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));

  // Subscriptions register asynchronously: publish warm-up events until all are listening.
  const ready = new Set<number>();
  listener = (index) => ready.add(index);
  for (let attempt = 0; attempt < 200 && ready.size < options.subscribers; attempt += 1) {
    await options.trigger();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (ready.size < options.subscribers)
    throw new Error(`only ${ready.size} of ${options.subscribers} subscribers listening`);
  await new Promise((resolve) => setTimeout(resolve, 500));

  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const fromPublish: number[] = [];
  const fromTrigger: number[] = [];
  const firstFromPublish: number[] = [];
  const firstFromTrigger: number[] = [];
  const triggers: number[] = [];
  const untilPublish: number[] = [];
  let outsideTrigger = 0;
  let events = 0;
  let totalDeliveries = 0;
  let spanFromPublish = 0;
  let spanFromTrigger = 0;
  let totalSpread = 0;
  const latencies = (all: number[], span: number, firsts: number[]): Latencies => {
    const s = sorted(all);
    return {
      p50: percentile(s, 50),
      p99: percentile(s, 99),
      max: s[s.length - 1]!,
      deliveryRate: totalDeliveries / (span / 1000),
      firstP50: percentile(sorted(firsts), 50),
    };
  };
  return {
    async event() {
      await published(options.publishedUrl); // forget earlier publications (warm-up)
      const receipts: number[] = [];
      const received = new Set<number>();
      const all = new Promise<void>((resolve) => {
        listener = (index) => {
          if (received.has(index)) return;
          received.add(index);
          receipts.push(wallClock());
          if (received.size === options.subscribers) resolve();
        };
      });
      const start = wallClock();
      await options.trigger();
      const end = wallClock();
      await all;
      listener = undefined;
      const instants = await published(options.publishedUrl);
      if (instants.length !== 1)
        throw new Error(`expected one publication per event, the server made ${instants.length}`);
      const publishedAt = instants[0]!;
      const first = receipts[0]!;
      const last = receipts[receipts.length - 1]!;
      for (const at of receipts) {
        fromPublish.push(at - publishedAt);
        fromTrigger.push(at - start);
      }
      firstFromPublish.push(first - publishedAt);
      firstFromTrigger.push(first - start);
      triggers.push(end - start);
      untilPublish.push(publishedAt - start);
      if (publishedAt < start || publishedAt > end) outsideTrigger += 1;
      events += 1;
      totalDeliveries += receipts.length;
      spanFromPublish += last - publishedAt;
      spanFromTrigger += last - start;
      totalSpread += last - first;
    },
    result() {
      const t = sorted(triggers);
      const u = sorted(untilPublish);
      return {
        fromPublish: latencies(fromPublish, spanFromPublish, firstFromPublish),
        fromTrigger: latencies(fromTrigger, spanFromTrigger, firstFromTrigger),
        spreadRate: totalDeliveries / (totalSpread / 1000),
        trigger: { p50: percentile(t, 50), max: t[t.length - 1]! },
        untilPublish: { p50: percentile(u, 50), max: u[u.length - 1]! },
        outsideTrigger,
        events,
      };
    },
    async close() {
      listener = undefined;
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
}
