// Document names on the board socket: `board:<uuid>` for a board, and
// `board:<uuid>:private:<userUuid>` for one member's private writing on it.
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const NAME = new RegExp(`^board:(${UUID})(?::private:(${UUID}))?$`);

export type BoardDocumentName =
  | { kind: 'shared'; boardId: string; name: string }
  | { kind: 'private'; boardId: string; userId: string; name: string };

export function boardDocumentName(boardId: string): string {
  return `board:${boardId}`;
}

export function privateDocumentName(boardId: string, userId: string): string {
  return `board:${boardId}:private:${userId}`;
}

export function parseDocumentName(name: string): BoardDocumentName | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, boardId, userId] = match;
  return userId ? { kind: 'private', boardId: boardId!, userId, name } : { kind: 'shared', boardId: boardId!, name };
}
