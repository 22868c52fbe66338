// The schema is the contract: every type, field, argument and enum value is described, and
// every object type and root field carries an explicit permission rule (default deny).
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from './schema.ts';

const userTypes = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));

describe('the GraphQL schema', () => {
  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of userTypes) {
      if (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });

  it('gives every object type an explicit permission rule', () => {
    const plumbing = (name: string) => name === 'PageInfo' || /Connection(Edge)?$/.test(name) || /Edge$/.test(name);
    const roots = new Set(['Query', 'Mutation', 'Subscription']);
    const withoutRule = userTypes
      .filter(isObjectType)
      .filter((type) => !roots.has(type.name) && !plumbing(type.name))
      .filter((type) => {
        const options = type.extensions?.pothosOptions as { authScopes?: unknown; interfaces?: unknown } | undefined;
        // Error types are data about the caller's own request.
        const isError = type.getInterfaces().some((i) => i.name === 'Error');
        return !options?.authScopes && !isError;
      })
      .map((type) => type.name);
    expect(withoutRule).toEqual([]);
  });

  it('marks every root field that skips the signed-in default as deliberately public', () => {
    const offenders: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const field of Object.values(root!.getFields()) as GraphQLField<unknown, unknown>[]) {
        const options = field.extensions?.pothosOptions as
          { skipTypeScopes?: boolean; authScopes?: unknown; description?: string } | undefined;
        if (!options?.skipTypeScopes) continue;
        const declaredPublic = JSON.stringify(options.authScopes) === JSON.stringify({ public: true });
        if (!declaredPublic || !field.description?.startsWith('Public')) offenders.push(`${root!.name}.${field.name}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('requires sign-in by default on queries and subscriptions, and a browser session on mutations', () => {
    const scopesOf = (name: 'Query' | 'Mutation' | 'Subscription') =>
      (schema.getType(name)!.extensions?.pothosOptions as { authScopes?: unknown }).authScopes;
    expect(scopesOf('Query')).toEqual({ signedIn: true });
    expect(scopesOf('Subscription')).toEqual({ signedIn: true });
    expect(scopesOf('Mutation')).toEqual({ canWrite: true });
  });
});
