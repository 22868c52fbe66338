// The board page's form actions, called from the board's own code (a vote on a note, reveal,
// promote) the way `use:enhance` calls them: a POST of form data that SvelteKit answers with an
// ActionResult. The same actions serve plain forms, so each one guards itself on the server.
import { deserialize } from '$app/forms';

export type ActionOutcome<T> = { ok: true; result: T } | { ok: false; message: string; code: string };

export async function callAction<T>(
  name: string,
  fields: Record<string, string | number | readonly string[]>,
): Promise<ActionOutcome<T>> {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const item of value) body.append(key, item);
    else body.append(key, String(value));
  }
  try {
    const response = await fetch(`?/${name}`, {
      method: 'POST',
      body,
      headers: { 'x-sveltekit-action': 'true', accept: 'application/json' },
    });
    const result = deserialize(await response.text());
    if (result.type === 'success' && result.data && (result.data as { ok?: boolean }).ok) {
      return { ok: true, result: (result.data as { result: T }).result };
    }
    if (result.type === 'failure') {
      const data = (result.data ?? {}) as { message?: string; code?: string };
      return { ok: false, message: data.message ?? '', code: data.code ?? 'FAILED' };
    }
    return { ok: false, message: '', code: result.type === 'error' ? 'ERROR' : 'FAILED' };
  } catch {
    return { ok: false, message: '', code: 'OFFLINE' };
  }
}
