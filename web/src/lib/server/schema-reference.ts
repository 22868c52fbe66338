// The schema reference (/developers/schema) is made from schema/schema.graphql — the printed,
// checked-in contract — never written by hand. Vite bundles the SDL into the server build
// (`?raw`), so the reference always matches the API this build was made with; it is parsed
// once, on first use, into plain data the page renders and filters.
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
} from 'graphql';
import sdl from '../../../../schema/schema.graphql?raw';

import type { ReferenceArgument, ReferenceField, ReferenceType } from '$lib/developers/schema-reference';

export type { ReferenceKind, ReferenceType } from '$lib/developers/schema-reference';

const ROOTS = ['Query', 'Mutation', 'Subscription'];

function linkOf(type: GraphQLNamedType): string | null {
  return isSpecifiedScalarType(type) ? null : type.name;
}

function argument(arg: GraphQLArgument | GraphQLInputField): ReferenceArgument {
  const named = getNamedType(arg.type);
  return {
    name: arg.name,
    type: String(arg.type),
    link: linkOf(named),
    description: arg.description ?? '',
    defaultValue: arg.defaultValue === undefined ? null : JSON.stringify(arg.defaultValue),
  };
}

function field(f: GraphQLField<unknown, unknown>): ReferenceField {
  const named = getNamedType(f.type);
  return {
    name: f.name,
    type: String(f.type),
    link: linkOf(named),
    description: f.description ?? '',
    defaultValue: null,
    args: f.args.map(argument),
    deprecationReason: f.deprecationReason ?? null,
  };
}

function describe(type: GraphQLNamedType): ReferenceType | null {
  const base = {
    name: type.name,
    description: type.description ?? '',
    fields: [],
    values: [],
    interfaces: [],
    members: [],
  };
  if (isObjectType(type) || isInterfaceType(type)) {
    return {
      ...base,
      kind: isObjectType(type) ? 'OBJECT' : 'INTERFACE',
      fields: Object.values(type.getFields()).map(field),
      interfaces: type.getInterfaces().map((i) => i.name),
    };
  }
  if (isInputObjectType(type)) {
    return {
      ...base,
      kind: 'INPUT_OBJECT',
      fields: Object.values(type.getFields()).map((f) => ({ ...argument(f), args: [], deprecationReason: null })),
    };
  }
  if (isEnumType(type)) {
    return {
      ...base,
      kind: 'ENUM',
      values: type.getValues().map((v) => ({
        name: v.name,
        description: v.description ?? '',
        deprecationReason: v.deprecationReason ?? null,
      })),
    };
  }
  if (isUnionType(type)) return { ...base, kind: 'UNION', members: type.getTypes().map((t) => t.name) };
  if (isScalarType(type)) return { ...base, kind: 'SCALAR' };
  return null;
}

let cached: ReferenceType[] | undefined;

/** Every type of the schema: the root types first, then by name. Built-in scalars are left out. */
export function schemaReference(): ReferenceType[] {
  if (cached) return cached;
  const schema = buildSchema(sdl);
  const types = Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__') && !isSpecifiedScalarType(t))
    .map(describe)
    .filter((t): t is ReferenceType => t !== null);
  const rank = (name: string) => (ROOTS.includes(name) ? ROOTS.indexOf(name) : ROOTS.length);
  cached = types.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name, 'en'));
  return cached;
}
