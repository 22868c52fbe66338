// GET /boards/<id>/export.json | export.csv | export.svg — the board as data, as a table of
// notes (UTF-8 with BOM, so spreadsheet software reads the Japanese) and drawn. Same
// permission as reading the board; authors are left out while the board is anonymous.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PrismaClient } from '@shishin/prisma';
import * as Y from 'yjs';
import { authenticate, type SessionSettings } from '../auth/authenticate.ts';
import { pickLocale } from '../context.ts';
import { AppError, messages } from '../errors.ts';
import { canReadBoard } from '../modules/board/board.policy.ts';
import type { BoardDocuments } from './board-server.ts';
import { clustersOf, controlOf, draftText, lanesOf, notesOf, ROOT, type NoteView } from './document.ts';
import { boardDocumentName } from './names.ts';

const EXPORT_PATH = /^\/boards\/([0-9a-f-]{36})\/export\.(json|csv|svg)$/;

export interface BoardExport {
  board: { id: string; title: string; template: string; workshopDate: string | null; exportedAt: string };
  stage: string;
  anonymous: boolean;
  lanes: ReturnType<typeof lanesOf>;
  clusters: ReturnType<typeof clustersOf>;
  notes: (Omit<NoteView, 'authorId' | 'authorName'> & {
    authorId: string | null;
    authorName: string | null;
    votes: number;
  })[];
  connectors: { id: string; from: string; to: string; label: string | null }[];
  drafts: { id: string; title: string; principleKey: string | null; text: string }[];
  voteResults: Record<string, number>;
}

export function exportBoard(
  doc: Y.Doc,
  board: { id: string; title: string; template: string; workshopDate: Date | null },
  now: Date,
): BoardExport {
  const control = controlOf(doc);
  const connectors: BoardExport['connectors'] = [];
  // A connector whose note or group is gone (deleted while someone else connected it) is
  // drawn nowhere on the board, and left out here too.
  const ends = new Set([...doc.getMap<unknown>(ROOT.notes).keys(), ...doc.getMap<unknown>(ROOT.clusters).keys()]);
  doc.getMap<unknown>(ROOT.connectors).forEach((value, id) => {
    if (value instanceof Y.Map && ends.has(String(value.get('from'))) && ends.has(String(value.get('to')))) {
      connectors.push({
        id,
        from: String(value.get('from') ?? ''),
        to: String(value.get('to') ?? ''),
        label: typeof value.get('label') === 'string' ? (value.get('label') as string) : null,
      });
    }
  });
  const drafts: BoardExport['drafts'] = [];
  doc.getMap<unknown>(ROOT.drafts).forEach((value, id) => {
    if (value instanceof Y.Map) {
      const title = value.get('title');
      drafts.push({
        id,
        title: title instanceof Y.Text ? title.toString() : String(title ?? ''),
        principleKey: typeof value.get('principleKey') === 'string' ? (value.get('principleKey') as string) : null,
        text: draftText(doc, id),
      });
    }
  });
  return {
    board: {
      id: board.id,
      title: board.title,
      template: board.template,
      workshopDate: board.workshopDate ? board.workshopDate.toISOString().slice(0, 10) : null,
      exportedAt: now.toISOString(),
    },
    stage: control.stage,
    anonymous: control.anonymous,
    lanes: lanesOf(doc),
    clusters: clustersOf(doc),
    notes: notesOf(doc).map((note) => ({
      ...note,
      authorId: control.anonymous ? null : note.authorId,
      authorName: control.anonymous ? null : note.authorName,
      votes: control.voteResults[note.id] ?? 0,
    })),
    connectors,
    drafts,
    voteResults: control.voteResults,
  };
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportCsv(data: BoardExport): string {
  const lanes = new Map(data.lanes.map((lane) => [lane.id, lane]));
  const clusters = new Map(data.clusters.map((cluster) => [cluster.id, cluster]));
  const header = [
    'id',
    'text',
    'lane',
    'lane_en',
    'cluster',
    'votes',
    'reactions',
    'author',
    'created_at',
    'promoted_as',
    'promoted_id',
  ];
  const rows = data.notes.map((note) => [
    note.id,
    note.text,
    note.lane ? (lanes.get(note.lane)?.title ?? note.lane) : null,
    note.lane ? (lanes.get(note.lane)?.titleEn ?? note.lane) : null,
    note.cluster ? (clusters.get(note.cluster)?.name ?? note.cluster) : null,
    note.votes,
    Object.values(note.reactions).join(' ') || null,
    note.authorName,
    note.createdAt,
    note.promoted?.type ?? null,
    note.promoted?.id ?? null,
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const COLORS: Record<string, string> = {
  yellow: '#fff3a3',
  pink: '#ffc9de',
  blue: '#c6e2ff',
  green: '#c9f2c7',
  orange: '#ffd8a8',
  purple: '#e0d0ff',
};

const xml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Wraps text to lines of about `width` board units (CJK characters are about one em wide). */
function wrap(text: string, width: number, size: number): string[] {
  const perLine = Math.max(4, Math.floor(width / size));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    for (let i = 0; i < Math.max(paragraph.length, 1); i += perLine) lines.push(paragraph.slice(i, i + perLine));
  }
  return lines;
}

export function exportSvg(data: BoardExport): string {
  const boxes = [...data.notes, ...data.clusters];
  const minX = Math.min(0, ...boxes.map((b) => b.x)) - 40;
  const minY = Math.min(0, ...boxes.map((b) => b.y)) - 80;
  const maxX = Math.max(800, ...boxes.map((b) => b.x + b.w)) + 40;
  const maxY = Math.max(600, ...boxes.map((b) => b.y + b.h)) + 40;
  const centre = new Map(boxes.map((b) => [b.id, { x: b.x + b.w / 2, y: b.y + b.h / 2 }]));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${minX} ${minY} ${maxX - minX} ${maxY - minY}" font-family="'Noto Sans CJK JP', 'Hiragino Sans', sans-serif">`,
    `<title>${xml(data.board.title)}</title>`,
    `<rect x="${minX}" y="${minY}" width="${maxX - minX}" height="${maxY - minY}" fill="#ffffff"/>`,
    `<text x="${minX + 40}" y="${minY + 40}" font-size="24" font-weight="bold">${xml(data.board.title)}</text>`,
  ];
  for (const cluster of data.clusters) {
    parts.push(
      `<g class="cluster"><rect x="${cluster.x}" y="${cluster.y}" width="${cluster.w}" height="${cluster.h}" rx="16" fill="none" stroke="#7a8ca3" stroke-width="2" stroke-dasharray="8 6"/>`,
      `<text x="${cluster.x + 12}" y="${cluster.y + 24}" font-size="16" font-weight="bold">${xml(cluster.name)}</text></g>`,
    );
  }
  for (const connector of data.connectors) {
    const from = centre.get(connector.from);
    const to = centre.get(connector.to);
    if (from && to)
      parts.push(`<line x1="${from.x}" y1="${from.y}" x2="${to.x}" y2="${to.y}" stroke="#555" stroke-width="2"/>`);
  }
  for (const note of data.notes) {
    const size = 14;
    const lines = wrap(note.text, note.w - 16, size).slice(0, Math.max(1, Math.floor((note.h - 16) / (size * 1.4))));
    parts.push(
      `<g class="note"><rect x="${note.x}" y="${note.y}" width="${note.w}" height="${note.h}" rx="4" fill="${COLORS[note.color] ?? COLORS.yellow}" stroke="#00000022"/>`,
      ...lines.map(
        (line, i) =>
          `<text x="${note.x + 8}" y="${note.y + 8 + size * 1.2 + i * size * 1.4}" font-size="${size}">${xml(line)}</text>`,
      ),
      note.votes > 0
        ? `<text x="${note.x + note.w - 8}" y="${note.y + note.h - 8}" font-size="12" text-anchor="end">● ${note.votes}</text>`
        : '',
      '</g>',
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

export async function handleBoardExport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { db: PrismaClient; now: () => Date; sessionSettings: SessionSettings; boards: BoardDocuments },
): Promise<void> {
  const locale = pickLocale(req.headers['accept-language']);
  const send = (status: number, code: string, message: { ja: string; en: string }) => {
    const body = JSON.stringify({ errors: [{ message: message[locale], extensions: { code, messages: message } }] });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  };
  const match = EXPORT_PATH.exec(url.pathname);
  if (req.method !== 'GET' || !match) return send(404, 'NOT_FOUND', messages.notFound);
  const [, boardId, format] = match;
  let viewer;
  try {
    viewer = (
      await authenticate(
        deps.db,
        { cookieHeader: req.headers.cookie, authorizationHeader: req.headers.authorization, now: deps.now() },
        deps.sessionSettings,
      )
    ).viewer;
  } catch (error) {
    if (error instanceof AppError) return send(401, error.code, error.messages);
    throw error;
  }
  if (!viewer.isSignedIn) return send(401, 'UNAUTHENTICATED', messages.unauthenticated);
  const board = await deps.db.board.findUnique({ where: { id: boardId! } });
  // Not readable answers like not existing, so ids do not reveal what exists.
  if (!board || !canReadBoard(viewer, board)) return send(404, 'NOT_FOUND', messages.notFound);
  const data = await deps.boards.read(boardDocumentName(board.id), (doc) => exportBoard(doc, board, deps.now()));
  const file = `board-${board.id}.${format}`;
  const headers = {
    'cache-control': 'no-store',
    'content-disposition': `attachment; filename="${file}"`,
  };
  if (format === 'json') {
    res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(data, null, 2));
  } else if (format === 'csv') {
    res.writeHead(200, { ...headers, 'content-type': 'text/csv; charset=utf-8' });
    res.end(exportCsv(data));
  } else {
    res.writeHead(200, { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' });
    res.end(exportSvg(data));
  }
}
