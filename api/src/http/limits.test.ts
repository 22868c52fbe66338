// The document limits and the cost model on documents built to be slow to check: fragments
// spread into each other twice over have 2^n paths, and both the depth rule and the cost
// model once walked every one of them (n = 24 held the server for 35 s, each more doubled it). Each fragment
// is now measured once; these documents are refused at once with their true depth and cost.
import { parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema.ts';
import { operationCost } from './cost.ts';
import { LIMITS, validationRules } from './limits.ts';

/** `{ ...F0 }` where each of n fragments spreads the next twice (and nests `inner` around it). */
function doubling(n: number, wrap: (spreads: string) => string = (s) => s): string {
  const fragments = Array.from(
    { length: n },
    (_, i) => `fragment F${i} on Query { ${wrap(`...F${i + 1} ...F${i + 1}`)} }`,
  ).join('\n');
  return `{ ...F0 }\n${fragments}\nfragment F${n} on Query { __typename }`;
}

describe('fragments spread twice over', () => {
  it('cost 2^n points, computed without walking 2^n paths', () => {
    const document = parse(doubling(60), { maxTokens: LIMITS.maxTokens });
    expect(operationCost({ schema, document })).toBe(2 ** 60);
  });

  it('are measured for depth once per fragment, and refused when too deep', () => {
    // Each level nests its two spreads inside a field: 61 levels deep along 2^60 paths.
    const nested = doubling(60, (spreads) => `viewer { ${spreads} }`);
    const errors = validate(schema, parse(nested, { maxTokens: LIMITS.maxTokens }), [
      ...specifiedRules,
      ...validationRules,
    ]);
    const tooDeep = errors.filter((e) => e.extensions.code === 'QUERY_TOO_COMPLEX');
    expect(tooDeep.map((e) => e.extensions.depth)).toEqual([61]);
  });
});
