// Relay global ids are base64 of `Type:uuid`. A page for one type checks the id it was given
// before asking the API, so a garbage id, or the id of another type, is a plain 404 page.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGlobalIdOf(id: string, typename: string): boolean {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(id)) return false;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const [type, rest] = [decoded.slice(0, decoded.indexOf(':')), decoded.slice(decoded.indexOf(':') + 1)];
  return type === typename && UUID.test(rest);
}
