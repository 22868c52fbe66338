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

/**
 * GraphiQL 4 can keep the operation name of the tab it left when another tab runs; a name the
 * document does not define is dropped when the document has one operation, so that one runs.
 */
function withOperation(params: Params): { params: Params; subscription: boolean } {
  try {
    const document = parse(params.query);
    const named = params.operationName ? getOperationAST(document, params.operationName) : null;
    const fixed = params.operationName && !named ? { ...params, operationName: null } : params;
    const operation = getOperationAST(document, fixed.operationName ?? undefined);
    return { params: fixed, subscription: operation?.operation === 'subscription' };
  } catch {
    return { params, subscription: false };
  }
}

let wsClient: Client | undefined;

// GraphiQL's Fetcher type wants graphql-js error objects where the wire carries formatted ones;
// the shapes it reads (message, locations, path, extensions) are the same.
const fetcher = ((asked: Params, options?: { headers?: Record<string, unknown> }) => {
  const { params, subscription } = withOperation(asked);
  if (subscription) {
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

export interface EditorLabels {
  query: string;
  variables: string;
  headers: string;
  response: string;
}

/**
 * GraphiQL leaves CodeMirror's input textareas unnamed and its scroll areas out of the tab
 * order (WCAG 2.2: 1.3.1, 2.1.1, 4.1.2). Name each editor after where it sits, and let the
 * keyboard reach each scroll area, whenever GraphiQL renders one.
 */
function repairAccessibility(target: HTMLElement, labels: EditorLabels): MutationObserver {
  const repair = () => {
    for (const textarea of target.querySelectorAll<HTMLTextAreaElement>('.CodeMirror textarea:not([aria-label])')) {
      const tool = textarea.closest('.graphiql-editor-tool');
      const editors = tool ? [...tool.querySelectorAll(':scope > .graphiql-editor')] : [];
      const label = textarea.closest('.graphiql-query-editor')
        ? labels.query
        : textarea.closest('.result-window')
          ? labels.response
          : editors.indexOf(textarea.closest('.graphiql-editor')!) === 1
            ? labels.headers
            : labels.variables;
      textarea.setAttribute('aria-label', label);
    }
    // CodeMirror gives its scroller tabindex=-1: reachable by mouse only.
    for (const scroll of target.querySelectorAll<HTMLElement>('.CodeMirror-scroll:not([tabindex="0"])')) {
      scroll.tabIndex = 0;
    }
    // GraphiQL's tab is a role=tab element wrapping its own button (a control inside a control):
    // the button becomes the tab, and follows the wrapper's aria-selected as GraphiQL updates it.
    for (const tab of target.querySelectorAll<HTMLElement>('.graphiql-tab')) {
      const button = tab.querySelector<HTMLElement>('.graphiql-tab-button');
      if (!button) continue;
      const selected = tab.getAttribute('aria-selected') ?? button.getAttribute('aria-selected') ?? 'false';
      if (tab.getAttribute('role') !== 'presentation') tab.setAttribute('role', 'presentation');
      tab.removeAttribute('aria-selected');
      if (button.getAttribute('role') !== 'tab') button.setAttribute('role', 'tab');
      if (button.getAttribute('aria-selected') !== selected) button.setAttribute('aria-selected', selected);
    }
  };
  const observer = new MutationObserver(repair);
  observer.observe(target, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-selected', 'role'],
  });
  repair();
  return observer;
}

/** Mounts GraphiQL into `target` with the given tabs (the first is active); returns the unmount. */
export function mountGraphiQL(target: HTMLElement, tabs: GraphiQLTab[], labels: EditorLabels): () => void {
  const observer = repairAccessibility(target, labels);
  const root = createRoot(target);
  root.render(
    createElement(GraphiQL, {
      fetcher,
      defaultTabs: tabs,
      // GraphiQL 4 fills the first tab's query editor from defaultTabs but not its variables
      // editor; given once (never changed), this sets it without overriding later edits.
      variables: tabs[0]?.variables,
      storage: new MemoryStorage(),
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'variables',
      forcedTheme: 'light',
    }),
  );
  return () => {
    observer.disconnect();
    root.unmount();
    void wsClient?.dispose();
    wsClient = undefined;
  };
}
