// GraphiQL for /developers/graphiql, imported only by that page's onMount: React, GraphiQL
// (CodeMirror 5 based) and its styles are a separate chunk no other page loads. Everything is
// bundled by Vite and served from this origin, so the app's CSP needs no exception for it.
//
// CONCERNS:
// - Queries run with the browser's session (same origin, cookie) and must send the CSRF
//   header the API asks of cookie-authenticated requests.
// - Storage is in memory, not localStorage: on a shared office PC the next person must not
//   find the last person's queries and results, and the example tabs always open fresh.
import { getOperationAST, parse } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

export interface GraphiQLTab {
  query: string;
  variables: string;
}

type Params = { query: string; operationName?: string | null; variables?: Record<string, unknown> | null };

class MemoryStorage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  clear() {
    this.#items.clear();
  }
}

function isSubscription(params: Params): boolean {
  try {
    return getOperationAST(parse(params.query), params.operationName ?? undefined)?.operation === 'subscription';
  } catch {
    return false;
  }
}

let wsClient: Client | undefined;

// GraphiQL's Fetcher type wants graphql-js error objects where the wire carries formatted ones;
// the shapes it reads (message, locations, path, extensions) are the same.
const fetcher = ((params: Params, options?: { headers?: Record<string, unknown> }) => {
  if (isSubscription(params)) {
    // Subscriptions over the same graphql-ws endpoint the app uses (session cookie on the handshake).
    wsClient ??= createClient({ url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql` });
    return wsClient.iterate({
      query: params.query,
      operationName: params.operationName ?? undefined,
      variables: params.variables ?? undefined,
    });
  }
  const extra = Object.fromEntries(Object.entries(options?.headers ?? {}).map(([k, v]) => [k, String(v)]));
  return fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...extra, 'content-type': 'application/json', accept: 'application/json', 'x-shishin-csrf': '1' },
    body: JSON.stringify(params),
  }).then((response) => response.json());
}) as unknown as GraphiQLProps['fetcher'];

/** Mounts GraphiQL into `target` with the given tabs (the first is active); returns the unmount. */
export function mountGraphiQL(target: HTMLElement, tabs: GraphiQLTab[]): () => void {
  const root = createRoot(target);
  root.render(
    createElement(GraphiQL, {
      fetcher,
      defaultTabs: tabs,
      storage: new MemoryStorage(),
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'variables',
      forcedTheme: 'light',
    }),
  );
  return () => {
    root.unmount();
    void wsClient?.dispose();
    wsClient = undefined;
  };
}
