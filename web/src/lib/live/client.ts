// Live updates in the browser: one graphql-ws connection per tab to /graphql on this
// origin (the session cookie goes with the handshake; the API refuses foreign origins).
// Loaded only when a page subscribes, so pages without live parts ship none of it.
import type { Client } from 'graphql-ws';

let client: Promise<Client> | undefined;

function connect(): Promise<Client> {
  client ??= import('graphql-ws').then(({ createClient }) =>
    createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      lazy: true,
      // Reconnect after network loss or a server restart; the page re-reads on reconnect.
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** retries))),
    }),
  );
  return client;
}

export interface LiveHandlers<T> {
  next: (data: T) => void;
  /** The subscription (re)connected: a good moment to re-read what may have been missed. */
  connected?: () => void;
}

/** Subscribes in the browser; returns the function that stops it. */
export function subscribe<T>(query: string, variables: Record<string, unknown>, handlers: LiveHandlers<T>): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  let offConnected: (() => void) | undefined;
  void connect().then((c) => {
    if (stopped) return;
    if (handlers.connected) offConnected = c.on('connected', () => handlers.connected?.());
    stop = c.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.data) handlers.next(result.data);
        },
        error: (error) => console.warn('live update failed', error),
        complete: () => {},
      },
    );
  });
  return () => {
    stopped = true;
    offConnected?.();
    stop?.();
  };
}
