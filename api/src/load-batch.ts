// Reads asked for in one turn of the event loop, answered by one SQL statement.
//
// When a thousand subscribers connect at once (a restart, a page everyone opens at nine),
// each handshake authenticates and each subscription reads its subject. One statement each
// is a thousand statements queued in front of everyone else's work — on the embedded
// database a single connection serves them all, and a mutation waiting to start its
// transaction gives up after two seconds. Batched, the storm costs a few statements. A
// lone request still costs one, a turn of the event loop later (`setImmediate`).
//
// CONCERNS: a batch is per database client, so reads inside a transaction never join one
// (its client is another object). A failed statement fails every read of its batch.

type Waiter<V> = { resolve: (value: V | undefined) => void; reject: (error: unknown) => void };

export function batchedLoader<Db extends object, V>(
  loadMany: (db: Db, keys: string[]) => Promise<Map<string, V>>,
): (db: Db, key: string) => Promise<V | undefined> {
  const pending = new WeakMap<Db, Map<string, Waiter<V>[]>>();
  const flush = async (db: Db, batch: Map<string, Waiter<V>[]>) => {
    try {
      const found = await loadMany(db, [...batch.keys()]);
      for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
    } catch (error) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
    }
  };
  return (db, key) =>
    new Promise((resolve, reject) => {
      let batch = pending.get(db);
      if (!batch) {
        const created = (batch = new Map());
        pending.set(db, created);
        setImmediate(() => {
          pending.delete(db);
          void flush(db, created);
        });
      }
      let waiters = batch.get(key);
      if (!waiters) batch.set(key, (waiters = []));
      waiters.push({ resolve, reject });
    });
}
