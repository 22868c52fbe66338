// One event reaches every subscriber of a topic as the same payload object. When a thousand
// subscribers re-read the changed record, they ask the database the same question a thousand
// times; this shares one answer per event and query shape. Permission is unaffected: each
// subscriber's own rules still run on the shared result (filter before, type scopes after).
const cache = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * `shape` names the read: a string as it is (asked by every subscriber of an event, so no
 * JSON.stringify for it), or a query object, stringified.
 */
export function sharedPerEvent<T>(event: object, shape: unknown, load: () => Promise<T>): Promise<T> {
  let byShape = cache.get(event);
  if (!byShape) cache.set(event, (byShape = new Map()));
  const key = typeof shape === 'string' ? `s:${shape}` : `j:${JSON.stringify(shape)}`;
  let pending = byShape.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    byShape.set(key, pending);
    // A failed read is not shared: the next subscriber tries again.
    pending.catch(() => byShape.delete(key));
  }
  return pending;
}
