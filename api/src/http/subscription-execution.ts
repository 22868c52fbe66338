// Subscription events executed once per permission class instead of once per subscriber.
//
// A thousand people watching one target's comments all receive the same event object from
// the pubsub. Executing the subscription document for each of them (Pothos' auth and Prisma
// plugins on every field) costs the same work a thousand times over, and most of them are
// indistinguishable: the same document, variables and locale, and viewers no permission rule
// can tell apart. So each subscriber keeps its own source stream — built by graphql's
// `createSourceEventStream` with its own context, so its subscribe resolver still filters and
// authorises every event for its viewer — and only the step from an authorised event to the
// result sent is shared: one execution per (event object, document, operation name,
// variables, `Viewer.permissionClass`, locale), remembered on the event object in a WeakMap
// (like `event-cache.ts`) and dropped with it.
//
// CONCERNS:
// - The invariant this rests on: resolvers of subscription payloads may depend only on the
//   event, the viewer (through what `permissionClass` covers) and the locale — never on
//   per-connection state (session or token id, client address, request id, cookies). The
//   shared execution runs with a context built from the viewer and locale alone
//   (`contextFor`), so a resolver that reads anything else reads a neutral value, not another
//   subscriber's.
// - Subscribers of different classes never share a result, so a field error of one class
//   (e.g. FORBIDDEN on another user's memberships) reaches only that class.
// - A failed execution is not remembered: a rejected one, or a result with errors, is dropped
//   from the cache once settled, so subscribers that ask later execute again. Subscribers
//   already waiting on it receive that same result (they are of the same class and event).
import {
  createSourceEventStream,
  execute,
  GraphQLError,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { Viewer } from '../auth/viewer.ts';
import type { Context, Locale } from '../context.ts';
import { eventIdOf } from '../pubsub.ts';

/** Counters tests and the bench read: how often an event was executed, and results handed out. */
export interface SubscriptionMetrics {
  /** Executions of a subscription event (one per event and class, when sharing works). */
  executions: number;
  /** Results handed to subscribers (one per event and subscriber). */
  deliveries: number;
}

export interface SharedSubscriptionOptions {
  /** The context a shared execution runs with: nothing per connection, only viewer and locale. */
  contextFor: (viewer: Viewer, locale: Locale) => Context;
  /** Formats the errors of a result once per class (masking, language). */
  formatResult: (result: ExecutionResult, locale: Locale) => ExecutionResult;
}

const results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

/**
 * The result of `run` for this event and key, run once while it succeeds. Exported for its
 * own tests; the server uses it through `sharedSubscriptions`.
 */
export function sharedResult(
  event: unknown,
  key: string,
  run: () => ExecutionResult | Promise<ExecutionResult>,
): Promise<ExecutionResult> {
  // A primitive payload cannot key a WeakMap; it is executed per subscriber.
  if (typeof event !== 'object' || event === null) return Promise.resolve().then(run);
  let byKey = results.get(event);
  if (!byKey) results.set(event, (byKey = new Map()));
  const existing = byKey.get(key);
  if (existing) return existing;
  const pending = Promise.resolve().then(run);
  byKey.set(key, pending);
  const forget = () => {
    if (byKey.get(key) === pending) byKey.delete(key);
  };
  pending.then((result) => {
    if (result.errors?.length) forget();
  }, forget);
  return pending;
}

/** Returned by a `mapStream` map: this event is not delivered. */
const SKIP = Symbol('skip');

/**
 * Whether the whole payload was refused for this viewer: no data, and every error says the
 * viewer may not read it. The subscribe resolver authorised the event, but the record may have
 * changed between that check and this read; such an event is dropped like one the check
 * refused, so the subscriber learns nothing of a change it may not read (not even its time).
 */
function refusedWhole(result: ExecutionResult): boolean {
  if (!result.errors?.length) return false;
  const data = result.data as Record<string, unknown> | null | undefined;
  if (data && Object.values(data).some((value) => value !== null)) return false;
  return result.errors.every((error) => ['FORBIDDEN', 'NOT_FOUND'].includes(String(error.extensions?.code)));
}

/** `source` mapped through `map`; `return()` reaches the source at once, even mid-`next()`. */
function mapStream<T, R>(
  source: AsyncIterator<T>,
  map: (value: T) => Promise<R | typeof SKIP>,
): AsyncGenerator<R, undefined> {
  const stream: AsyncGenerator<R, undefined> = {
    async next() {
      for (;;) {
        const step = await source.next();
        if (step.done) return { value: undefined, done: true };
        const value = await map(step.value);
        if (value !== SKIP) return { value, done: false };
      }
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}

/**
 * The event's change-feed id in the result's `extensions.eventId`: the client keeps the last
 * one it saw and, after a reconnect, asks `changesSince(after:)` for what it missed.
 */
function withEventId(result: ExecutionResult, event: unknown): ExecutionResult {
  const eventId = eventIdOf(event);
  return eventId === undefined ? result : { ...result, extensions: { ...result.extensions, eventId } };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof Object(value)[Symbol.asyncIterator] === 'function';
}

export function sharedSubscriptions(options: SharedSubscriptionOptions) {
  const metrics: SubscriptionMetrics = { executions: 0, deliveries: 0 };
  const sourceTexts = new WeakMap<DocumentNode, string>();

  return {
    metrics,
    /** Remembers the text a document was parsed from; it names the document in the class key. */
    parsed(document: DocumentNode, text: string): DocumentNode {
      sourceTexts.set(document, text);
      return document;
    },
    /** graphql-ws's `subscribe` option. */
    async subscribe(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
      const context = args.contextValue as Context;
      const stream = await createSourceEventStream(args);
      if (!isAsyncIterable(stream)) return options.formatResult(stream, context.locale);
      const { viewer, locale } = context;
      const key = JSON.stringify([
        sourceTexts.get(args.document) ?? print(args.document),
        args.operationName ?? null,
        args.variableValues ?? null,
        viewer.permissionClass,
        locale,
      ]);
      const iterator = stream[Symbol.asyncIterator]();
      return mapStream(iterator, async (event) => {
        try {
          const result = await sharedResult(event, key, async () => {
            metrics.executions += 1;
            const result = await execute({
              ...args,
              rootValue: event,
              contextValue: options.contextFor(viewer, locale),
            });
            return withEventId(options.formatResult(result, locale), event);
          });
          if (refusedWhole(result)) return SKIP;
          metrics.deliveries += 1;
          return result;
        } catch (error) {
          // execute() reports resolver errors in the result; a throw is a bug of ours. This
          // subscriber gets an error result and keeps its subscription.
          metrics.deliveries += 1;
          return options.formatResult(
            { errors: [new GraphQLError(String(error), { originalError: error instanceof Error ? error : null })] },
            locale,
          );
        }
      });
    },
  };
}
