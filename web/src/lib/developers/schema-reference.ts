// The shape of the schema reference (made in $lib/server/schema-reference.ts from
// schema/schema.graphql) and its search, shared by the server's filter and the page's.
export type ReferenceKind = 'OBJECT' | 'INPUT_OBJECT' | 'ENUM' | 'INTERFACE' | 'UNION' | 'SCALAR';

export interface ReferenceArgument {
  name: string;
  /** As written in SDL, e.g. `[ID!]!`. */
  type: string;
  /** The named type inside it, for a link (null for built-in scalars). */
  link: string | null;
  description: string;
  defaultValue: string | null;
}

export interface ReferenceField extends ReferenceArgument {
  args: ReferenceArgument[];
  deprecationReason: string | null;
}

export interface ReferenceType {
  name: string;
  kind: ReferenceKind;
  description: string;
  fields: ReferenceField[];
  values: { name: string; description: string; deprecationReason: string | null }[];
  interfaces: string[];
  members: string[];
}

/** Whether a type matches a search: its name, a field's, argument's or value's name, or a description. */
export function matchesSearch(type: ReferenceType, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const texts = [
    type.name,
    type.description,
    ...type.fields.flatMap((f) => [f.name, f.description, ...f.args.map((a) => a.name)]),
    ...type.values.flatMap((v) => [v.name, v.description]),
  ];
  return texts.some((text) => text.toLowerCase().includes(q));
}
