// Loads every module's schema file and builds the schema.
import { GraphQLObjectType, isObjectType, lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './errors.schema.ts';
import './modules/fiscal-year/fiscal-year.schema.ts';
import './modules/guideline/guideline.schema.ts';
import './modules/organisation/organisation.schema.ts';
import './modules/standard/standard.schema.ts';
import './modules/policy/policy.schema.ts';
import './modules/target/target.schema.ts';
import './modules/user/user.schema.ts';
import './modules/comment/comment.schema.ts';
import './modules/review/review.schema.ts';
import './modules/notification/notification.schema.ts';
import './modules/problem/problem.schema.ts';
import './modules/public-comment/public-comment.schema.ts';
import './modules/audit/audit.schema.ts';
import './modules/result/result.schema.ts';
import './modules/schedule/schedule.schema.ts';
import './modules/usage/usage.schema.ts';
import './modules/report/report.schema.ts';
import './modules/board/board.schema.ts';
import './modules/change/change.schema.ts';

const CONNECTION_FIELDS: Record<string, string> = {
  edges: 'The items of this page, each with its cursor.',
  pageInfo: 'Whether there are more pages and the cursors to fetch them.',
  totalCount: 'How many items the whole list holds, over all pages.',
};
const EDGE_FIELDS: Record<string, string> = {
  node: 'The item.',
  cursor: 'Opaque cursor of this item; pass it as `after` or `before` to page from here.',
};

const PAGE_INFO_FIELDS: Record<string, string> = {
  hasNextPage: 'Whether more items follow this page.',
  hasPreviousPage: 'Whether items precede this page.',
  startCursor: 'Cursor of the first item of the page; pass it as `before` for the previous page.',
  endCursor: 'Cursor of the last item of the page; pass it as `after` for the next page.',
};
const NODE_ARGS: Record<string, string> = {
  id: 'A global id, as returned in any `id` field.',
  ids: 'Global ids, as returned in `id` fields.',
};

/**
 * The Relay plugin generates a Connection and an Edge type per list; their meaning is the
 * same everywhere, so they are described here once instead of at every list field.
 */
function describeRelayTypes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.description) continue;
    const fields = (type as GraphQLObjectType).getFields();
    const isEdge = type.name.endsWith('Edge') && 'node' in fields && 'cursor' in fields;
    const isConnection = type.name.endsWith('Connection') && 'edges' in fields && 'pageInfo' in fields;
    if (!isEdge && !isConnection) continue;
    const item = fields[isEdge ? 'node' : 'edges']!.type.toString().replace(/[[\]!]/g, '');
    type.description = isEdge
      ? `An item of a list, with its cursor (${item}).`
      : `A page of a list (Relay cursor connection of ${item}).`;
    const texts = isEdge ? EDGE_FIELDS : CONNECTION_FIELDS;
    for (const [name, field] of Object.entries(fields)) field.description ??= texts[name];
  }
  const pageInfo = schema.getType('PageInfo');
  if (isObjectType(pageInfo)) {
    for (const field of Object.values(pageInfo.getFields())) field.description ??= PAGE_INFO_FIELDS[field.name];
  }
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    for (const arg of field.args)
      if (field.name === 'node' || field.name === 'nodes') arg.description ??= NODE_ARGS[arg.name];
  }
  return schema;
}

export const schema = lexicographicSortSchema(describeRelayTypes(builder.toSchema()));
