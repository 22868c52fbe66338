// The board as a structured list: the same live document as the canvas, for keyboards and
// screen readers. It needs JavaScript for the same reason the canvas does.
import { boardUser, loadBoard } from '$lib/server/boards/board-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
  board: await loadBoard(event, event.params.id),
  user: boardUser(event),
});
