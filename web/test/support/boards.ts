// What the board browser tests share: people in separate browser contexts (tabs of one context
// could sync through the browser itself and hide a broken server), boards made through the API,
// notes written as a person would, and a raw Yjs client in Node on someone's session — to force
// writes the UI would never send and to read exactly what the server lets a document hold.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { apiSession, TEST_PASSWORD } from './api';
import { signInThroughPage } from './browser';

export const desktop: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, locale: 'ja-JP' };

export interface RawClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  refusals: string[];
  destroy(): void;
}

export class BoardKit {
  readonly contexts: BrowserContext[] = [];
  readonly raws: RawClient[] = [];

  constructor(
    readonly appUrl: string,
    readonly browser: Browser,
  ) {}

  async close(): Promise<void> {
    for (const raw of this.raws) raw.destroy();
    for (const context of this.contexts) await context.close().catch(() => {});
  }

  async personPage(email: string, options: BrowserContextOptions = desktop): Promise<Page> {
    const context = await this.browser.newContext(options);
    this.contexts.push(context);
    const page = await context.newPage();
    await signInThroughPage(page, this.appUrl, email, TEST_PASSWORD);
    return page;
  }

  /**
   * Creates a board through the API; returns its uuid. `ward` makes it the 中原区 committee's
   * board, run by its chair (members: committee.nakahara, section.nakahara, head.nakahara…);
   * otherwise the revision working group's, run by facilitator@example.jp.
   */
  async board(title: string, scope: 'working-group' | 'ward' = 'working-group'): Promise<string> {
    const creator = await apiSession(
      this.appUrl,
      scope === 'ward' ? 'chair.nakahara@example.jp' : 'facilitator@example.jp',
    );
    const { committees } = await creator.graphql<{
      committees: { edges: { node: { id: string; kind: string; ward: { id: string; code: string } | null } }[] };
    }>('{ committees(first: 50) { edges { node { id kind ward { id code } } } } }');
    const committee = committees.edges
      .map((e) => e.node)
      .find((c) =>
        scope === 'ward'
          ? c.kind === 'WARD_COMMITTEE' && c.ward?.code === 'nakahara'
          : c.kind === 'REVISION_WORKING_GROUP',
      )!;
    const { createBoard } = await creator.graphql<{ createBoard: { documentName: string } }>(
      'mutation($input: CreateBoardInput!) { createBoard(input: $input) { documentName } }',
      {
        input: {
          title,
          template: 'REVISION_WORKSHOP',
          committeeId: committee.id,
          ...(committee.ward ? { wardId: committee.ward.id } : {}),
          workshopDate: '2026-12-01',
        },
      },
    );
    return createBoard.documentName.slice('board:'.length);
  }

  async open(page: Page, uuid: string): Promise<void> {
    await page.goto(`${this.appUrl}/boards/${uuid}`);
    await page.locator('.save-status[data-state="saved"]').waitFor({ timeout: 20_000 });
  }

  /** A Yjs client in Node on someone's session (their cookie). */
  async raw(name: string, email: string): Promise<RawClient> {
    const { cookie } = await apiSession(this.appUrl, email);
    const refusals: string[] = [];
    const origin = this.appUrl;
    class CookieWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie, origin } });
        this.on('error', () => {});
      }
    }
    const socket = new HocuspocusProviderWebsocket({
      url: `${this.appUrl.replace(/^http/, 'ws')}/boards`,
      WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
      maxAttempts: 1,
    });
    const doc = new Y.Doc();
    const provider = await new Promise<HocuspocusProvider>((resolve, reject) => {
      const p: HocuspocusProvider = new HocuspocusProvider({
        websocketProvider: socket,
        name,
        document: doc,
        onSynced: () => resolve(p),
        onAuthenticationFailed: ({ reason }) => reject(new Error(`refused: ${reason}`)),
        onStateless: ({ payload }) => {
          const message = JSON.parse(payload) as { type?: string; code?: string };
          if (message.type === 'refused' && message.code) refusals.push(message.code);
        },
      });
      p.attach();
    });
    const client: RawClient = {
      doc,
      provider,
      refusals,
      destroy() {
        provider.destroy();
        socket.destroy();
      },
    };
    this.raws.push(client);
    return client;
  }

  /** An export as the person with this email downloads it. */
  async exported(uuid: string, format: 'json' | 'csv' | 'svg', email: string): Promise<string> {
    const { cookie } = await apiSession(this.appUrl, email);
    const response = await fetch(`${this.appUrl}/boards/${uuid}/export.${format}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`export.${format}: ${response.status}`);
    return response.text();
  }
}

/** Adds a note with the toolbar and types its text, as a person would. */
export async function addNote(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: /付箋を追加|Add a note/ }).click();
  const input = page.locator('textarea.note__input');
  await input.waitFor();
  await input.pressSequentially(text, { delay: 5 });
  await input.press('Escape');
}

export const noteTexts = (page: Page) => page.locator('.note__text').allTextContents();

/** The drawn note (its SVG group) with this text. */
export const shape = (page: Page, text: string): Locator => page.locator('.note-shape', { hasText: text });

/** Where a note is drawn and how big: from its SVG attributes, in board units. */
export async function geometry(page: Page, text: string): Promise<{ x: number; y: number; w: number; h: number }> {
  const group = shape(page, text);
  const transform = (await group.getAttribute('transform')) ?? '';
  const [, x, y] = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(transform) ?? [];
  const rect = group.locator('rect.note-bg');
  return {
    x: Number(x),
    y: Number(y),
    w: Number(await rect.getAttribute('width')),
    h: Number(await rect.getAttribute('height')),
  };
}

/** The canvas's pan and zoom, as the SVG draws it. */
export const viewOf = (page: Page) => page.locator('svg.canvas > g').first().getAttribute('transform');
