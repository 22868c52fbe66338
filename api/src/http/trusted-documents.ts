// Trusted documents: the web app's GraphQL documents, listed with their sha256 when the app is
// built (web/build/trusted-documents.json). With enforcement on, requests from browsers (no
// bearer token) may send only those documents, so a stolen session cannot be used to run
// arbitrary queries from the browser, while reporting tools with tokens query freely.
// Any caller may send `documentId: "sha256:<hex>"` instead of the document's text.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../errors.ts';

export interface TrustedDocuments {
  /** Refuse documents outside the list from callers without a bearer token. */
  enforceForBrowsers: boolean;
  byId: ReadonlyMap<string, string>;
}

export function documentIdOf(document: string): string {
  return `sha256:${createHash('sha256').update(document).digest('hex')}`;
}

export function loadTrustedDocuments(path: string, enforceForBrowsers: boolean): TrustedDocuments | undefined {
  if (!existsSync(path)) {
    if (enforceForBrowsers) throw new Error(`trusted documents are enforced but ${path} is missing: build the web app`);
    return undefined;
  }
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  for (const [id, document] of Object.entries(manifest)) {
    if (documentIdOf(document) !== id) throw new Error(`trusted documents: ${id} does not match its document`);
  }
  return { enforceForBrowsers, byId: new Map(Object.entries(manifest)) };
}

const notTrusted = {
  ja: 'このクエリはアプリに登録された文書ではないため、ブラウザーからは実行できません。任意のクエリにはAPIトークンを使ってください。',
  en: 'This document is not one of the app’s trusted documents, so browsers may not send it. Use an API token for arbitrary queries.',
};

const unknownId = {
  ja: '指定された documentId の文書は登録されていません。',
  en: 'No trusted document has this documentId.',
};

/**
 * The document to run for a request, or the refusal. `hasToken`: the request carries a bearer
 * token (a reporting tool), which may send any document.
 */
export function resolveDocument(
  trusted: TrustedDocuments | undefined,
  request: { query?: unknown; documentId?: unknown; hasToken: boolean },
): { query: string | undefined } | AppError {
  if (typeof request.documentId === 'string') {
    const document = trusted?.byId.get(request.documentId);
    return document === undefined
      ? new AppError('NOT_FOUND', unknownId, { documentId: request.documentId })
      : { query: document };
  }
  const query = typeof request.query === 'string' ? request.query : undefined;
  if (
    trusted?.enforceForBrowsers &&
    !request.hasToken &&
    query !== undefined &&
    !trusted.byId.has(documentIdOf(query))
  ) {
    return new AppError('FORBIDDEN', notTrusted);
  }
  return { query };
}
