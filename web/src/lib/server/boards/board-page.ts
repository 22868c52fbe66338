// One board's facts for its pages (board, outline, snapshot), by the uuid in the address.
// A garbage id is a 404 before the API is asked; a board the viewer may not read is the
// API's NOT_FOUND, so ids do not reveal what exists.
import { error, type RequestEvent } from '@sveltejs/kit';
import { loadOrFail } from '../api-errors';
import { execute } from '../graphql';
import { BoardPage, boardGlobalId, type BoardDetail } from '../queries/boards';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function requireBoardUuid(id: string): string {
  if (!UUID.test(id)) error(404, { message: 'Not found', reason: 'not-found' });
  return id;
}

export async function loadBoard(event: RequestEvent, uuid: string): Promise<BoardDetail & { uuid: string }> {
  requireBoardUuid(uuid);
  return loadOrFail(event, async () => {
    const { node } = await execute(event, BoardPage, { id: boardGlobalId(uuid) });
    if (!node || node.__typename !== 'Board') error(404, { message: 'Not found', reason: 'not-found' });
    return { ...node, uuid };
  });
}

/** What a board page hands its browser code: the viewer as board presence knows them. */
export function boardUser(event: RequestEvent): { id: string; name: string } {
  const viewer = event.locals.viewer!;
  return { id: viewer.id, name: viewer.displayName };
}
