// Subscription fan-out: N graphql-ws subscribers on one subject, one event published,
// latency from the publishing request to each subscriber's receipt. Several fan-outs can be
// open at once, so run.ts alternates events between two servers and both see the same
// machine (other load on it included).
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
}

export interface FanOutResult {
  p50: number;
  p99: number;
  max: number;
  /** Deliveries per second: subscribers reached ÷ time until the last one was reached. */
  deliveryRate: number;
  /** Median time from the trigger to an event's first receipt (the mutation, the shared reads, one execution). */
  firstP50: number;
  /** Deliveries per second from an event's first receipt to its last: the fan-out alone. */
  spreadRate: number;
  /** Round-trip of the triggering request itself (the mutation), over the measured events. */
  trigger: { p50: number; max: number };
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
  for (let i = 0; i < options.subscribers; i += 1) {
    const headers = options.headers?.(i) ?? {};
    class HeaderSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    }
    const client = createClient({ url: options.wsUrl, webSocketImpl: HeaderSocket, retryAttempts: 0, lazy: false });
    clients.push(client);
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

  const latencies: number[] = [];
  const triggers: number[] = [];
  const firsts: number[] = [];
  let totalDeliveries = 0;
  let totalSpan = 0;
  let totalSpread = 0;
  return {
    async event() {
      const received = new Set<number>();
      let start = 0;
      let first = 0;
      let last = 0;
      const all = new Promise<void>((resolve) => {
        listener = (index) => {
          if (received.has(index)) return;
          received.add(index);
          last = performance.now();
          if (received.size === 1) first = last;
          latencies.push(last - start);
          if (received.size === options.subscribers) resolve();
        };
      });
      start = performance.now();
      await options.trigger();
      triggers.push(performance.now() - start);
      await all;
      listener = undefined;
      totalDeliveries += received.size;
      totalSpan += last - start;
      totalSpread += last - first;
      firsts.push(first - start);
    },
    result() {
      const sortedLatencies = [...latencies].sort((a, b) => a - b);
      const sortedTriggers = [...triggers].sort((a, b) => a - b);
      return {
        p50: percentile(sortedLatencies, 50),
        p99: percentile(sortedLatencies, 99),
        max: sortedLatencies[sortedLatencies.length - 1]!,
        deliveryRate: totalDeliveries / (totalSpan / 1000),
        firstP50: percentile(
          [...firsts].sort((a, b) => a - b),
          50,
        ),
        spreadRate: totalDeliveries / (totalSpread / 1000),
        trigger: { p50: percentile(sortedTriggers, 50), max: sortedTriggers[sortedTriggers.length - 1]! },
      };
    },
    async close() {
      listener = undefined;
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
}
