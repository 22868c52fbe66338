// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Locale } from '$lib/i18n';
import type { SessionViewer } from '$lib/server/queries/viewer';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** Why the page failed, so +error.svelte can explain it in both languages. */
      reason?: 'api-unavailable' | 'not-found' | 'forbidden' | 'unexpected';
    }
    interface Locals {
      /** Chosen once per request in hooks.server.ts: `lang` cookie, then Accept-Language, then ja. */
      locale: Locale;
      /** The signed-in person, resolved once per request in hooks.server.ts; null for visitors. */
      viewer: SessionViewer | null;
      /** The browser sent a session the API no longer accepts (expired, signed out elsewhere). */
      sessionExpired: boolean;
    }
    interface PageData {
      locale: Locale;
      viewer: SessionViewer | null;
    }
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
