// The schema reference, filtered by ?q= and ?kind= on the server (so the filter works
// without JavaScript); with JavaScript the page filters the same list as you type.
import { schemaReference, type ReferenceKind } from '$lib/server/schema-reference';
import type { PageServerLoad } from './$types';

const KINDS: readonly ReferenceKind[] = ['OBJECT', 'INPUT_OBJECT', 'ENUM', 'INTERFACE', 'UNION', 'SCALAR'];

export const load: PageServerLoad = ({ url }) => {
  const kind = url.searchParams.get('kind');
  return {
    types: schemaReference(),
    kinds: KINDS,
    q: (url.searchParams.get('q') ?? '').slice(0, 100),
    kind: KINDS.includes(kind as ReferenceKind) ? (kind as ReferenceKind) : null,
  };
};
