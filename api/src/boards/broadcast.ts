// Broadcasting a document update to its connections, encoded once.
//
// CONCERNS:
// - Hocuspocus 3.4.4's Document broadcasts each update by encoding the sync message anew for
//   every connection (`toUint8Array()` inside the loop): for 50 connections, 50 copies of the
//   same bytes per update. Here the message is encoded once and the same bytes are sent to
//   every connection; what each connection receives, and when, is unchanged.
// - It replaces the Document's own 'update' listener (the bound `handleUpdate` its constructor
//   registers) and keeps what that listener did first: `callbacks.onUpdate` (Hocuspocus' onChange
//   hooks and debounced store). If a Hocuspocus version no longer has that listener, nothing is
//   replaced and Hocuspocus broadcasts as before.
import { OutgoingMessage, type Connection, type Document } from '@hocuspocus/server';

type Listener = (...args: unknown[]) => void;

export function broadcastOnce(document: Document): boolean {
  const observers = (document as unknown as { _observers: Map<string, Set<Listener>> })._observers;
  const own = [...(observers.get('update') ?? [])].find((listener) => listener.name === 'bound handleUpdate');
  if (!own) return false;
  document.off('update', own);
  document.on('update', (update: Uint8Array, origin: unknown) => {
    document.callbacks.onUpdate(document, origin as Connection, update);
    const message = new OutgoingMessage(document.name).createSyncMessage().writeUpdate(update).toUint8Array();
    for (const { connection } of document.connections.values()) connection.send(message);
  });
  return true;
}
