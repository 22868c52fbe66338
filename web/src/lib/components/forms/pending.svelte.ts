// Which form of a page is being submitted, so its button can say so ("保存しています…") and
// not be pressed twice. Without JavaScript the browser's own loading state shows instead.
import type { SubmitFunction } from '@sveltejs/kit';

export class PendingForm {
  /** The name of the form being submitted, or null. */
  current = $state<string | null>(null);
  /** When this page last saved: a live event right after is most likely its own echo. */
  lastSavedAt = 0;

  /** For `use:enhance={pending.track('save')}`: keeps what was typed when the action fails. */
  track(name: string): SubmitFunction {
    return () => {
      this.current = name;
      return async ({ update }) => {
        try {
          await update({ reset: false });
        } finally {
          this.current = null;
          this.lastSavedAt = Date.now();
        }
      };
    };
  }
}
