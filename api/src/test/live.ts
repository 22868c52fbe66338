// A graphql-ws subscriber for tests: the real WebSocket server, authenticated like a browser
// (session cookie) or a tool (API token), collecting what it receives.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface Subscriber<T> {
  events: T[];
  errors: unknown[];
  dispose(): Promise<void>;
}

export async function subscribe<T>(
  baseUrl: string,
  auth: { cookie?: string | undefined; token?: string | undefined },
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Subscriber<T>> {
  const client = createClient({
    url: `${baseUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: auth.cookie ? { cookie: auth.cookie } : {} });
      }
    },
    connectionParams: auth.token ? { authorization: `Bearer ${auth.token}` } : {},
    retryAttempts: 0,
  });
  const subscriber: Subscriber<T> = { events: [], errors: [], dispose: async () => void (await client.dispose()) };
  client.subscribe(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) subscriber.errors.push(...value.errors);
        else subscriber.events.push(Object.values(value.data ?? {})[0] as T);
      },
      error: (error) => subscriber.errors.push(error),
      complete: () => {},
    },
  );
  // The subscription registers asynchronously; give it a moment before the first event.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return subscriber;
}

/** Waits until `done()` holds (or about five seconds pass), for events that travel over a socket. */
export async function eventually(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
}
