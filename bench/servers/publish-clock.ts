// The instant each event is published, on the wall clock every process on this machine
// shares (performance.timeOrigin + performance.now()), so the bench can measure
// publish→receive: from the moment the server hands an event to its pubsub to the moment a
// subscriber in the bench process has it. GET /published answers the instants recorded
// since the last call and forgets them; both bench servers serve it from the publishing
// process itself.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface PublishClock {
  /** Records that an event is being published now. */
  record(): void;
  /** Answers GET /published; false for any other request. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export function publishClock(): PublishClock {
  let instants: number[] = [];
  return {
    record() {
      instants.push(performance.timeOrigin + performance.now());
    },
    handle(req, res) {
      if (req.method !== 'GET' || req.url !== '/published') return false;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ published: instants }));
      instants = [];
      return true;
    },
  };
}

/** A server of its own for GET /published, for a process whose main server has no room for it. */
export async function servePublishClock(clock: PublishClock): Promise<string> {
  const server = createServer((req, res) => {
    if (!clock.handle(req, res)) {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
