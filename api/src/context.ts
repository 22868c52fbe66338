// The request context, built the same way for HTTP requests and WebSocket connections.
import type { PrismaClient } from '@shishin/prisma';
import type { Viewer } from './auth/viewer.ts';
import type { EventLog } from './event-log.ts';
import type { PubSub } from './pubsub.ts';
import type { SessionSettings } from './auth/authenticate.ts';
import type { SignInThrottles } from './auth/throttle.ts';
import type { BoardDocuments } from './boards/board-server.ts';

export type Locale = 'ja' | 'en';

export interface CookieToSet {
  name: string;
  value: string;
  maxAgeSeconds: number;
}

export interface Context {
  db: PrismaClient;
  viewer: Viewer;
  pubsub: PubSub;
  /** The change feed behind event ids (`changesSince`). */
  events: EventLog;
  /** The clock, injectable so fiscal-year logic can be tested at any date. */
  now: () => Date;
  locale: Locale;
  requestId: string;
  sessionSettings: SessionSettings;
  /** Set-Cookie headers to send with the response; empty on WebSocket connections. */
  cookies: CookieToSet[];
  /** Sign-in failures per account and address (in memory, or shared through Redis). */
  throttles: SignInThrottles;
  /** Client address, for sign-in throttling. */
  clientAddress: string;
  /** Whether the response may set cookies (false on WebSocket connections). */
  canSetCookies: boolean;
  /** Whether cookies must carry `Secure` (the request came over HTTPS). */
  secureCookies: boolean;
  /** The live board documents (api/src/boards/), for the board services. */
  boards: BoardDocuments;
}

export function pickLocale(acceptLanguage: string | undefined, fallback: Locale = 'ja'): Locale {
  if (!acceptLanguage) return fallback;
  for (const part of acceptLanguage.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase();
    if (tag?.startsWith('ja')) return 'ja';
    if (tag?.startsWith('en')) return 'en';
  }
  return fallback;
}
