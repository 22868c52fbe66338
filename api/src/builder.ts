// The SchemaBuilder: plugins, scalars and auth scopes. It defines no domain types;
// those live in modules/<domain>/<domain>.schema.ts.
import SchemaBuilder, { getTypeBrand } from '@pothos/core';
import ScopeAuthPlugin, { RequestCache } from '@pothos/plugin-scope-auth';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ErrorsPlugin from '@pothos/plugin-errors';
import ValidationPlugin from '@pothos/plugin-validation';
import type PrismaTypes from '@shishin/prisma/pothos-types';
import { getDatamodel } from '@shishin/prisma/pothos-types';
import type { Prisma, Role } from '@shishin/prisma';
import { GraphQLError, Kind, type GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import type { Context } from './context.ts';
import { AppError, messages } from './errors.ts';

/** The largest page any connection returns; larger `first`/`last` is rejected, not clamped. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const pageSize = z
  .number()
  .int()
  .min(0, { error: `must be between 0 and ${MAX_PAGE_SIZE}` })
  .max(MAX_PAGE_SIZE, { error: `must be between 0 and ${MAX_PAGE_SIZE}` })
  .nullish();

export interface AuthScopes {
  /** Anyone, signed in or not. Marks a field as deliberately public. */
  public: boolean;
  signedIn: boolean;
  /** A signed-in member of the city's staff (has at least one role). */
  staff: boolean;
  /** A browser session that may change data (API tokens are read-only). */
  canWrite: boolean;
  /** Reads every ward's unpublished work. */
  readsAll: boolean;
  role: Role;
}

/**
 * What `node(id:)` / `nodes(ids:)` give a signed-in viewer for a loaded object: the object when
 * its type's own read rule (the `authScopes` every one of its fields checks) lets them read
 * it, and otherwise null — exactly what an id naming nothing gives, so an id never reveals
 * that another ward's draft exists. Anonymous callers keep the refusal (UNAUTHENTICATED,
 * from the object's fields): it tells them to sign in and says nothing of a ward's staff.
 */
async function readableNode(node: unknown, ctx: Context, info: GraphQLResolveInfo): Promise<unknown> {
  if (node === null || node === undefined || !ctx.viewer.isSignedIn) return node;
  const brand = getTypeBrand(node);
  if (!brand) return node;
  const config = builder.configStore.getTypeConfig(brand as Parameters<typeof builder.configStore.getTypeConfig>[0]);
  const scopes = (config.pothosOptions as { authScopes?: unknown }).authScopes;
  if (scopes === undefined) return node;
  // The request's scope cache: the fields that follow reuse this very evaluation.
  const cache = RequestCache.fromContext(ctx, builder);
  const failure = await (typeof scopes === 'function'
    ? cache.evaluateTypeScopeFunction(scopes as never, config.name, node, info)
    : cache.evaluateScopeMap(scopes as never, info));
  return failure ? null : node;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    Decimal: { Input: string; Output: Prisma.Decimal | string | number };
    ID: { Input: string; Output: string | number };
  };
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, ErrorsPlugin, ValidationPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({
      public: true,
      signedIn: ctx.viewer.isSignedIn,
      staff: ctx.viewer.isStaff,
      canWrite: ctx.viewer.canWrite,
      readsAll: ctx.viewer.readsAll,
      role: (role) => ctx.viewer.hasRole(role),
    }),
    // Anonymous callers learn they must sign in (or that their session ended); signed-in
    // callers learn they lack the permission. Both carry both languages.
    unauthorizedError: (_parent, ctx) => {
      if (!ctx.viewer.isSignedIn) {
        const expired = ctx.viewer.credential.kind === 'anonymous' && ctx.viewer.credential.sessionExpired;
        return new AppError(
          expired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED',
          expired ? messages.sessionExpired : messages.unauthenticated,
        ).toGraphQLError();
      }
      return new AppError('FORBIDDEN', messages.forbidden).toGraphQLError();
    },
    treatErrorsAsUnauthorized: false,
    authorizeOnSubscribe: true,
  },
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    idFieldOptions: { description: 'A globally unique, opaque identifier (Relay global id).' },
    firstArgOptions: {
      description: `Return at most this many items from the start (0–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).`,
      validate: pageSize,
    },
    lastArgOptions: {
      description: `Return at most this many items from the end (0–${MAX_PAGE_SIZE}).`,
      validate: pageSize,
    },
    afterArgOptions: { description: 'Return items after this cursor (from a previous page’s `endCursor`).' },
    beforeArgOptions: { description: 'Return items before this cursor (from a previous page’s `startCursor`).' },
    pageInfoTypeOptions: { description: 'Where a page sits in the whole list (Relay cursor connections).' },
    // node/nodes are public: each object type's own auth rule decides what a caller gets.
    nodeQueryOptions: {
      description:
        'Public. Fetch any object by its global id: null when it does not exist or you may not read it (another ward’s draft is null, as if it did not exist); UNAUTHENTICATED when you are not signed in and it is not public.',
      skipTypeScopes: true,
      authScopes: { public: true },
      resolve: async (_root, args, ctx, info, resolveNode): Promise<unknown> =>
        readableNode(await resolveNode(args.id), ctx, info),
    },
    nodesQueryOptions: {
      description:
        'Public. Fetch several objects by their global ids, in the given order (see `node`): null in the place of one that does not exist or that you may not read.',
      skipTypeScopes: true,
      authScopes: { public: true },
      resolve: async (_root, args, ctx, info, resolveNodes): Promise<unknown[]> =>
        Promise.all((await resolveNodes(args.ids)).map((node) => readableNode(node, ctx, info))),
    },
    nodeTypeOptions: { description: 'An object with a global id (Relay Node).' },
  },
  errors: { defaultTypes: [] },
  validation: {
    validationError: (failure) =>
      new AppError('BAD_USER_INPUT', messages.invalidInput, {
        issues: failure.issues.map((issue) => ({
          path: (issue.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)),
          message: issue.message,
        })),
      }).toGraphQLError(),
  },
});

builder.scalarType('DateTime', {
  description: 'An instant in time, as an ISO 8601 string in UTC (e.g. 2026-04-01T00:00:00.000Z).',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 string.');
    return date;
  },
  parseLiteral: (node) => {
    const date = node.kind === Kind.STRING ? new Date(node.value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 string.');
    return date;
  },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function parseDate(value: unknown): Date {
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new GraphQLError('Date must be a calendar date written YYYY-MM-DD.');
  }
  return new Date(`${value}T00:00:00Z`);
}

builder.scalarType('Date', {
  description: 'A calendar date without time zone, written YYYY-MM-DD (dates are Japan Standard Time dates).',
  serialize: (value) => value.toISOString().slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (node) => parseDate(node.kind === Kind.STRING ? node.value : undefined),
});

const DECIMAL = /^-?\d{1,10}(\.\d{1,4})?$/;
function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new GraphQLError('Decimal must be a number with at most 10 integer and 4 fractional digits, e.g. "95.5".');
  }
  return text;
}

builder.scalarType('Decimal', {
  description:
    'An exact decimal number, serialised as a string to keep every digit (e.g. "95.5"). Parse it with a decimal type in reporting tools.',
  serialize: (value) => (typeof value === 'object' ? value.toString() : String(value)),
  parseValue: parseDecimal,
  parseLiteral: (node) =>
    parseDecimal(
      node.kind === Kind.STRING || node.kind === Kind.FLOAT || node.kind === Kind.INT ? node.value : undefined,
    ),
});

builder.queryType({
  description:
    'Everything that can be read. Fields need a signed-in viewer unless their description says they are public.',
  authScopes: { signedIn: true },
});

builder.mutationType({
  description: 'Everything that changes data. Mutations need a browser session; API tokens are read-only.',
  authScopes: { canWrite: true },
});

builder.subscriptionType({
  description:
    'Live events over graphql-ws (same URL as queries). Each event is re-read with the subscriber’s permissions.',
  authScopes: { signedIn: true },
});

/**
 * `nestedSelection(true)` answers `true` when the nested type needs every scalar; spread
 * into a relation query that must also carry `where`/`take`, it has to be an object.
 */
export function selectionObject(selection: unknown): Record<string, unknown> {
  return typeof selection === 'object' && selection !== null ? (selection as Record<string, unknown>) : {};
}
