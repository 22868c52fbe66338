// Where to send a visitor next. Only paths on this site: never `//other.host` or
// `/\other.host`, which browsers treat as other origins (an open redirect).

/** A same-site path to go back to; anything else goes to `fallback`. */
export function safeRedirect(target: string | null, fallback = '/home'): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  return target;
}

/** The sign-in page, coming back to where the visitor was. */
export function signInUrl(url: URL, expired = false): string {
  const params = new URLSearchParams({ redirect: url.pathname + url.search });
  if (expired) params.set('expired', '1');
  return `/signin?${params}`;
}
