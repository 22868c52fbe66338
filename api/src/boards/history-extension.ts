// History: an automatic named snapshot (board_snapshot) at every stage change, so the state at
// the end of each stage of a workshop can be looked at and restored later.
import type { afterLoadDocumentPayload, Extension } from '@hocuspocus/server';
import type { PrismaClient } from '@shishin/prisma';
import * as Y from 'yjs';
import { boardContext } from './connection-state.ts';
import { ROOT } from './document.ts';
import { parseDocumentName } from './names.ts';

export class HistoryExtension implements Extension {
  extensionName = 'shishin-history';
  /** Snapshot writes, one after another. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: { db: PrismaClient; log: (message: string) => void }) {}

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const name = parseDocumentName(documentName);
    if (name?.kind !== 'shared') return;
    document.getMap<unknown>(ROOT.control).observe((event, transaction) => {
      if (!event.keysChanged.has('stage')) return;
      const stage = document.getMap<unknown>(ROOT.control).get('stage');
      const previous = event.changes.keys.get('stage')?.oldValue;
      const origin = transaction.origin as Parameters<typeof boardContext>[0] | null;
      const userId =
        origin && typeof origin === 'object' && 'context' in origin
          ? (boardContext(origin)?.viewer.user?.id ?? null)
          : null;
      const state = Y.encodeStateAsUpdate(document) as Uint8Array<ArrayBuffer>;
      const label = (value: unknown) => (typeof value === 'string' && value ? value : '—');
      this.chain = this.chain.then(async () => {
        try {
          await this.options.db.boardSnapshot.create({
            data: {
              boardId: name.boardId,
              name: `${label(previous)} → ${label(stage)}`,
              automatic: true,
              stage: typeof stage === 'string' ? stage : null,
              document: state,
              createdById: userId,
            },
          });
        } catch (error) {
          this.options.log(`board history: snapshot failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    });
  }

  /** Resolves when every snapshot asked for so far is written. */
  settled(): Promise<void> {
    return this.chain;
  }
}
