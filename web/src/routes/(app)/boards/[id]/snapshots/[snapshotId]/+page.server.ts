// A snapshot, read-only: decoded here on the server, so it reads without JavaScript too.
import { error } from '@sveltejs/kit';
import * as Y from 'yjs';
import { readContent, withoutAuthorsIfAnonymous } from '$lib/boards/board-model';
import { loadOrFail } from '$lib/server/api-errors';
import { requireBoardUuid } from '$lib/server/boards/board-page';
import { execute } from '$lib/server/graphql';
import { boardGlobalId, BoardSnapshotPage } from '$lib/server/queries/boards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const uuid = requireBoardUuid(event.params.id);
    if (!/^[A-Za-z0-9+/=_-]{8,200}$/.test(event.params.snapshotId))
      error(404, { message: 'Not found', reason: 'not-found' });
    const { node } = await execute(event, BoardSnapshotPage, { id: event.params.snapshotId });
    // A snapshot of another board is not found under this one.
    if (!node || node.__typename !== 'BoardSnapshot' || node.board.id !== boardGlobalId(uuid)) {
      error(404, { message: 'Not found', reason: 'not-found' });
    }
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(node.document, 'base64'));
    // Page data is in the HTML: an anonymous board's authors are not sent at all.
    const content = withoutAuthorsIfAnonymous(readContent(doc));
    doc.destroy();
    const { document: _document, ...snapshot } = node;
    void _document;
    return { uuid, snapshot, content };
  });
