// Apollo's cache of parsed and validated documents (`documentStore`), bounded by what an entry
// really keeps in memory.
//
// Apollo's default (an LRU of 30 MiB) measures an entry as the JSON of its AST, which leaves out
// most of what a parsed document holds: every token (graphql-js keeps the whole token list, comments
// included, from `loc.startToken`), every node's `Location` (its JSON is just `{ start, end }`),
// and the query text itself (`loc.source.body`). A valid document with a 1 MB comment counted a few
// hundred bytes there and kept its megabyte: distinct such documents grew the heap without bound in
// practice (the hostile suite's slow growth, docs/suites.md). Here an entry counts its text and a
// measured cost per token, and the store holds at most `maxBytes` of that.
import type { DocumentStore } from '@apollo/server';
import type { DocumentNode } from 'graphql';

/**
 * Heap bytes a token of a parsed document costs, with its share of AST nodes, their Location
 * objects and property arrays: measured on the hostile suite's documents (heap snapshots, about
 * 280 bytes), rounded up.
 */
export const TOKEN_BYTES = 320;

/** What a cached document keeps alive, approximately (bytes). */
export function documentBytes(document: DocumentNode): number {
  let tokens = 0;
  for (let token = document.loc?.startToken ?? null; token; token = token.next) tokens += 1;
  // One byte per character of a one-byte string; two for text outside Latin-1.
  const body = document.loc?.source.body ?? '';
  // eslint-disable-next-line no-control-regex -- Latin-1 test
  const perChar = /^[\u0000-\u00ff]*$/.test(body) ? 1 : 2;
  return body.length * perChar + tokens * TOKEN_BYTES;
}

/** A least-recently-used `documentStore` of at most `maxBytes` (by documentBytes). */
export class BoundedDocumentStore implements DocumentStore {
  private readonly entries = new Map<string, { document: DocumentNode; bytes: number }>();
  private total = 0;

  constructor(readonly maxBytes = 32 * 2 ** 20) {}

  /** Bytes held now (by documentBytes). */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<DocumentNode | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.document;
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    await this.delete(key);
    const bytes = documentBytes(document);
    // A document larger than the whole store is not kept (it is parsed again if it comes back).
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { document, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  async delete(key: string): Promise<boolean> {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.total -= entry.bytes;
    return true;
  }
}
