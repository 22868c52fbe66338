// What an operation may cost before it runs, and how much of a caller's budget it uses.
//
// The model (documented in docs/api.md, and the same one `queryCost` answers):
// - every field costs 1 point;
// - a Relay connection multiplies what is selected inside it by the page size asked for
//   (`first` or `last`, default 20: the connection default), so `wards(first: 7) { edges {
//   node { sections(first: 100) { … } } } }` counts 7 × 100 sections, whatever the data;
// - `nodes(ids:)` multiplies by the number of ids; other lists are small and bounded
//   (a target's standards, a version's sections) and count once;
// - the alternatives of an abstract type (`... on A`, `... on B`) are added up: an upper bound.
// Costs are computed from the document and variables alone, so a refusal happens before
// anything executes and the same query always costs the same.
import {
  getNamedType,
  GraphQLError,
  isAbstractType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { LocalizedMessage } from '../errors.ts';

export const COST = {
  /** The most one operation may cost. */
  maxCost: 200_000,
  /** Page size assumed for a connection asked without `first`/`last` (the API's default). */
  defaultPageSize: 20,
} as const;

function pageSize(field: FieldNode, variables: Record<string, unknown>): number | undefined {
  for (const name of ['first', 'last']) {
    const arg = field.arguments?.find((a) => a.name.value === name);
    if (!arg) continue;
    const value = valueFromASTUntyped(arg.value, variables);
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  }
  return undefined;
}

function listLength(field: FieldNode, argument: string, variables: Record<string, unknown>): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === argument);
  if (!arg) return undefined;
  const value = valueFromASTUntyped(arg.value, variables);
  return Array.isArray(value) ? value.length : undefined;
}

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
}

/**
 * Costs already computed, per parsed document (Apollo and the socket reuse one DocumentNode per
 * query text) and operation name and variables: a report paged through, or polled, is walked
 * once. A document's entries are bounded (varied variables fill it, then it starts again).
 */
const costs = new WeakMap<DocumentNode, Map<string, number>>();
const COSTS_PER_DOCUMENT = 200;

/** The cost of the operation the request would run; 0 when there is none to pick. */
export function operationCost(input: CostInput): number {
  let known = costs.get(input.document);
  if (!known) costs.set(input.document, (known = new Map()));
  const key = `${input.operationName ?? ''}\u0000${JSON.stringify(input.variables ?? null)}`;
  let cost = known.get(key);
  if (cost === undefined) {
    // The schema is fixed for the process; a document is only ever costed against it.
    cost = walkCost(input);
    if (known.size >= COSTS_PER_DOCUMENT) known.clear();
    known.set(key, cost);
  }
  return cost;
}

function walkCost({ schema, document, operationName, variables }: CostInput): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) {
      operation ??= definition;
    }
  }
  if (!operation) return 0;
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  const vars = variables ?? {};
  const fragmentCosts = new Map<string, number>();

  const costOf = (set: SelectionSetNode | undefined, parent: GraphQLCompositeType, visiting: Set<string>): number => {
    if (!set) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) {
          total += 1;
          continue;
        }
        const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : undefined;
        const definition = fields?.[selection.name.value];
        if (!definition) continue; // validation reports unknown fields
        const type = getNamedType(definition.type);
        const inner =
          isObjectType(type) || isInterfaceType(type) || isAbstractType(type)
            ? costOf(selection.selectionSet, type as GraphQLCompositeType, visiting)
            : 0;
        const multiplier = type.name.endsWith('Connection')
          ? (pageSize(selection, vars) ?? COST.defaultPageSize)
          : selection.name.value === 'nodes'
            ? (listLength(selection, 'ids', vars) ?? 1)
            : 1;
        // `first: 0` asks for nothing, however costly its selection (0 × ∞ would be NaN, and NaN
        // passes every `cost > maxCost` check).
        total += 1 + (multiplier === 0 ? 0 : multiplier * inner);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType | undefined)
          : parent;
        total += costOf(selection.selectionSet, condition ?? parent, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Cycles are refused by graphql-js's NoFragmentCycles rule; never recurse forever here.
        if (!fragment || visiting.has(name)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
        const type = condition ?? parent;
        // A fragment costs the same wherever it is spread (for the same parent type): computed
        // once, so fragments spread into each other twice over (2^n paths) take n steps, not 2^n.
        const key = `${name}\u0000${type.name}`;
        let cost = fragmentCosts.get(key);
        if (cost === undefined) {
          visiting.add(name);
          cost = costOf(fragment.selectionSet, type, visiting);
          visiting.delete(name);
          fragmentCosts.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, root, new Set());
}

/** Below this, points are written out in full with grouped digits; from it on, as a power of ten. */
const WRITTEN_OUT_BELOW = 1e15;
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * A number of points as people read it, in both languages: `1,234,567点` / `1,234,567 points`
 * while the digits can be counted at a glance, and beyond that the power of ten it exceeds
 * (`10⁶⁰点を超える` / `more than 10^60 points`) rather than `1.6e+60`. Costs grow by
 * multiplication, so a hostile document can ask for astronomical (even infinite) sums.
 */
export function formatPoints(points: number): LocalizedMessage {
  if (points < WRITTEN_OUT_BELOW) {
    const digits = grouped.format(points);
    return { ja: `${digits}点`, en: `${digits} ${points === 1 ? 'point' : 'points'}` };
  }
  // The largest power of ten strictly below `points` (an infinite sum is beyond every double).
  const exponent = Number.isFinite(points) ? Math.ceil(Math.log10(points)) - 1 : 308;
  const superscript = [...String(exponent)].map((d) => SUPERSCRIPT[Number(d)]).join('');
  return { ja: `10${superscript}点を超える`, en: `more than 10^${exponent} points` };
}

export function tooCostlyError(cost: number, maxCost: number = COST.maxCost): GraphQLError {
  const costs = formatPoints(cost);
  const limit = formatPoints(maxCost);
  const written = cost < WRITTEN_OUT_BELOW;
  const messages: LocalizedMessage = {
    ja: written
      ? `このクエリのコストは${costs.ja}で、上限の${limit.ja}を超えています。一度に取得する件数（first）を減らしてください。`
      : `このクエリのコストは${costs.ja}見込みで、上限の${limit.ja}を大きく超えています。一度に取得する件数（first）を減らしてください。`,
    en: `The query would cost ${costs.en}; the limit is ${limit.en}. Ask for smaller pages.`,
  };
  return new GraphQLError(messages.en, {
    extensions: {
      code: 'QUERY_TOO_COMPLEX',
      messages,
      cost,
      maxCost,
      http: { status: 400 },
    },
  });
}
