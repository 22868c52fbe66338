// The subscription baseline: graphql-ws over ws with a trivial schema and an in-memory
// pubsub, nothing else. POST /publish sends one event to every subscriber; GET /published
// tells the bench when (publish-clock.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { publishClock } from './publish-clock.ts';

const schema = buildSchema(`
  type Comment { id: ID! body: String! }
  type Query { hello: String }
  type Mutation { addComment(body: String!): Comment }
  type Subscription { commentAdded(subjectId: ID!): Comment }
`);

const listeners = new Set<(comment: { id: string; body: string }) => void>();
let next = 0;

const roots = {
  commentAdded: () => {
    const queue: { id: string; body: string }[] = [];
    let wake: (() => void) | undefined;
    const listener = (comment: { id: string; body: string }) => {
      queue.push(comment);
      wake?.();
    };
    listeners.add(listener);
    const iterator: AsyncIterableIterator<{ commentAdded: { id: string; body: string } }> = {
      async next() {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        return { value: { commentAdded: queue.shift()! }, done: false };
      },
      async return() {
        listeners.delete(listener);
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  },
};

const clock = publishClock();
const server = createServer((req, res) => {
  if (clock.handle(req, res)) return;
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk));
  req.on('end', () => {
    const comment = { id: String((next += 1)), body };
    clock.record();
    for (const listener of listeners) listener(comment);
    res.end(JSON.stringify({ subscribers: listeners.size }));
  });
});
const wsServer = new WebSocketServer({ server, path: '/graphql' });
useServer({ schema, roots: { subscription: roots } }, wsServer);
server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  console.log(JSON.stringify({ ready: url, published: `${url}/published` }));
});
// Exit normally on SIGTERM, so `--cpu-prof` (BENCH_CPU_PROF) can write its profile.
process.on('SIGTERM', () => process.exit(0));
