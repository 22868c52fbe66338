// broadcast.ts: one encoding per update, the same bytes to every connection, Hocuspocus' own
// onUpdate callback kept.
import { Document, type Connection } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { broadcastOnce } from './broadcast.ts';

function withConnections(document: Document, count: number): Uint8Array[][] {
  const received: Uint8Array[][] = [];
  for (let i = 0; i < count; i += 1) {
    const messages: Uint8Array[] = [];
    received.push(messages);
    const connection = { send: (message: Uint8Array) => messages.push(message) } as unknown as Connection;
    document.connections.set({} as never, { clients: new Set(), connection });
  }
  return received;
}

describe('broadcastOnce', () => {
  it('sends every connection the same encoded update, once, and still calls onUpdate', () => {
    const document = new Document('board:00000000-0000-0000-0000-000000000000');
    const updates: unknown[] = [];
    document.onUpdate((_document, origin) => updates.push(origin));
    expect(broadcastOnce(document)).toBe(true);
    const received = withConnections(document, 3);
    document.transact(() => document.getMap('notes').set('n1', 'a'), 'origin-1');

    expect(received.map((messages) => messages.length)).toEqual([1, 1, 1]);
    expect(received[1]![0]).toBe(received[0]![0]);
    expect(received[2]![0]).toBe(received[0]![0]);
    expect(updates).toEqual(['origin-1']);
    // What arrives is Hocuspocus' sync update message: [name] 0 (sync) 2 (update) <update>.
    const decoder = decoding.createDecoder(received[0]![0]!);
    expect(decoding.readVarString(decoder)).toBe(document.name);
    expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 2]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, decoding.readVarUint8Array(decoder));
    expect(copy.getMap('notes').get('n1')).toBe('a');
    document.destroy();
  });
});
