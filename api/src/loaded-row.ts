// Handing rows a parent resolver has already read to a child prismaField, instead of reading
// them again: safe only when the child's query asks for scalar fields alone (Pothos' query
// then has no include or select), because the row holds every scalar column and nothing else.
// Anything more (a relation, a connection, a field with its own `select`) reads the row again
// with the query, as usual.

/** True when a prismaField's `query` selects no relation: a full row satisfies it. */
export function scalarsOnly(query: { include?: unknown; select?: unknown }): boolean {
  if (query.select !== undefined) return false;
  return query.include === undefined || Object.keys(query.include as object).length === 0;
}

/**
 * For a type in Pothos' select mode: true when the prismaField's `query` asks for columns
 * alone, all of them in `row` (a relation or a nested selection reads the row again).
 */
export function selectsOnlyLoaded(query: { include?: unknown; select?: unknown }, row: object): boolean {
  if (query.include !== undefined || typeof query.select !== 'object' || query.select === null) return false;
  return Object.entries(query.select).every(([key, value]) => value === true && key in row);
}
