// GraphQL requests from a fuzzer: each kind aims at one limit or one parser path. Everything is
// drawn from the seeded PRNG, so a seed replays the same requests.
import type { Random } from '../server-process/random.ts';

export interface FuzzRequest {
  kind: string;
  /** The JSON body of a POST (and, when small enough, the parameters of a GET). */
  body?: { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown };
  /** Bytes sent as the POST body as they are (invalid JSON, invalid UTF-8, arrays…). */
  raw?: Buffer;
  contentType?: string;
}

const VALID = [
  '{ __typename }',
  '{ wards(first: 5) { edges { node { id code name sections(first: 3) { edges { node { id name } } } } } } }',
  '{ currentFiscalYear { year } }',
  'query W($code: String!) { ward(code: $code) { id name } }',
  '{ guidelineVersions(first: 2) { edges { node { id code } } } }',
  '{ viewer { isSignedIn } }',
  'mutation { signOut }',
  'subscription { guidelineVersionChanged { __typename } }',
];

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '...',
  '@',
  '$',
  '=',
  '!',
  '|',
  '&',
  ',',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'wards',
  'ward',
  'node',
  'nodes',
  'viewer',
  '__typename',
  '__schema',
  'edges',
  'id',
  'first',
  '"s"',
  '"""block"""',
  '1',
  '-1.5e9',
  'true',
  'null',
  'ENUM',
  '#comment\n',
  'F',
];

function repeat(n: number, make: (i: number) => string, separator = ' '): string {
  return Array.from({ length: n }, (_, i) => make(i)).join(separator);
}

function hugeText(rng: Random, length: number): string {
  const alphabets = ['a', 'あ', '漢', '\\n', '\\u0000', '\\uD800', '"', '\\\\', '😀'];
  const unit = rng.pick(alphabets);
  return unit === '"' ? '\\"'.repeat(length) : unit.repeat(length);
}

export function fuzzRequest(rng: Random): FuzzRequest {
  const kind = rng.pick([
    'deep',
    'aliases',
    'huge-string',
    'operations',
    'directives',
    'fragment-cycle',
    'fragment-explosion',
    'huge-variables',
    'deep-variables',
    'invalid-utf8',
    'token-soup',
    'mutated',
    'batch',
    'not-json',
    'wrong-shapes',
    'deep-introspection',
  ]);
  switch (kind) {
    case 'deep': {
      const d = rng.int(16, 3000);
      const field = rng.pick(['f', 'viewer', '__typename', 'node(id: "x")']);
      return { kind, body: { query: `{ ${`${field} { `.repeat(d)}__typename${' }'.repeat(d + 1)}` } };
    }
    case 'aliases': {
      const n = rng.int(31, 6000);
      return { kind, body: { query: `{ ${repeat(n, (i) => `a${i}: __typename`)} }` } };
    }
    case 'huge-string': {
      const length = rng.int(1_000, 1_200_000);
      const where = rng.pick(['argument', 'variable', 'name', 'comment', 'block']);
      const text = hugeText(rng, length);
      if (where === 'argument') return { kind, body: { query: `{ ward(code: "${text}") { id } }` } };
      if (where === 'variable') {
        return { kind, body: { query: VALID[3], variables: { code: text.replace(/\\/g, '') } } };
      }
      if (where === 'name') return { kind, body: { query: `{ ${'x'.repeat(length)} }` } };
      if (where === 'comment') return { kind, body: { query: `# ${text}\n{ __typename }` } };
      return { kind, body: { query: `{ ward(code: """${text}""") { id } }` } };
    }
    case 'operations': {
      const n = rng.int(2, 3000);
      const query = repeat(n, (i) => `query Q${i} { __typename }`);
      const operationName = rng.pick([undefined, 'Q0', `Q${n + 5}`, '', 42, null]);
      return { kind, body: { query, operationName } };
    }
    case 'directives': {
      const n = rng.int(2, 2500);
      const directive = rng.pick(['@skip(if: false)', '@include(if: true)', '@deprecated', '@d']);
      return {
        kind,
        body: { query: `{ __typename ${repeat(n, (i) => (directive === '@d' ? `@d${i}` : directive))} }` },
      };
    }
    case 'fragment-cycle': {
      const n = rng.int(1, 200);
      const fragments = repeat(n, (i) => `fragment F${i} on Query { __typename ...F${(i + 1) % n} }`, '\n');
      return { kind, body: { query: `{ ...F0 }\n${fragments}` } };
    }
    case 'fragment-explosion': {
      const n = rng.int(10, 400);
      const fragments = repeat(n, (i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`, '\n');
      return { kind, body: { query: `{ ...F0 }\n${fragments}\nfragment F${n} on Query { __typename }` } };
    }
    case 'huge-variables': {
      const n = rng.int(100, 60_000);
      const ids = Array.from({ length: n }, () => rng.word(rng.int(1, 16)));
      return { kind, body: { query: 'query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } } };
    }
    case 'deep-variables': {
      const d = rng.int(100, 200_000);
      const raw = `{"query":"query D($v: [[ID]]) { __typename }","variables":{"v":${'['.repeat(d)}${']'.repeat(d)}}}`;
      return { kind, raw: Buffer.from(raw), contentType: 'application/json' };
    }
    case 'invalid-utf8': {
      const bad = rng.bytes(rng.int(1, 64)).map((b) => b | 0x80);
      const where = rng.pick(['query', 'json']);
      const raw =
        where === 'query'
          ? Buffer.concat([Buffer.from('{"query":"{ __typename '), bad, Buffer.from(' }"}')])
          : Buffer.concat([Buffer.from('{"query":'), bad, Buffer.from('}')]);
      return { kind, raw, contentType: 'application/json' };
    }
    case 'token-soup': {
      const n = rng.int(1, 6000);
      return { kind, body: { query: repeat(n, () => rng.pick(TOKENS)) } };
    }
    case 'mutated': {
      let text = rng.pick(VALID);
      for (let i = rng.int(1, 8); i > 0; i -= 1) {
        const at = rng.int(0, text.length);
        const op = rng.int(0, 2);
        if (op === 0) text = text.slice(0, at) + rng.pick(TOKENS) + text.slice(at);
        else if (op === 1) text = text.slice(0, at) + text.slice(at + rng.int(1, 5));
        else text = text.slice(0, at) + String.fromCharCode(rng.int(0, 0xffff)) + text.slice(at + 1);
      }
      return { kind, body: { query: text, variables: rng.chance(0.5) ? { code: rng.word(4) } : undefined } };
    }
    case 'batch': {
      const n = rng.int(1, 500);
      return { kind, raw: Buffer.from(JSON.stringify(Array.from({ length: n }, () => ({ query: '{ __typename }' })))) };
    }
    case 'not-json': {
      const raw = rng.pick([rng.bytes(rng.int(0, 4096)), Buffer.from('{"query": "{ __typename }"'), Buffer.from('')]);
      return { kind, raw, contentType: rng.pick(['application/json', 'application/graphql', 'text/plain', '']) };
    }
    case 'wrong-shapes': {
      const query = rng.pick<unknown>([null, 42, true, [], {}, '', '   ', ['{ __typename }'], { query: 'x' }]);
      const variables = rng.pick<unknown>([undefined, null, 'x', 5, [], [1, 2], { a: { b: { c: [] } } }]);
      const extensions = rng.pick<unknown>([
        undefined,
        null,
        'x',
        { persistedQuery: { version: 1, sha256Hash: 'ab' } },
      ]);
      return {
        kind,
        body: { query, variables, extensions, operationName: rng.pick<unknown>([undefined, [], {}, 'X']) },
      };
    }
    default: {
      const d = rng.int(16, 60);
      return {
        kind,
        body: { query: `{ __schema { types { ${'fields { type { '.repeat(d)}name${' } }'.repeat(d)} } } }` },
      };
    }
  }
}

export const VALID_DOCUMENTS = VALID;
