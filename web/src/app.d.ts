// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Locale } from '$lib/i18n';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** Why the page failed, so +error.svelte can explain it in both languages. */
      reason?: 'api-unavailable' | 'not-found' | 'unexpected';
    }
    interface Locals {
      /** Chosen once per request in hooks.server.ts: `lang` cookie, then Accept-Language, then ja. */
      locale: Locale;
    }
    interface PageData {
      locale: Locale;
    }
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
