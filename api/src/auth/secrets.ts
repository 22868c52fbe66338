// Session cookies and API tokens are random bearer secrets; the database keeps only their
// SHA-256, so a leaked database dump cannot be replayed as a login.
import { createHash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'shishin_';

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newApiToken(): { token: string; prefix: string } {
  const token = API_TOKEN_PREFIX + newSecret(30);
  return { token, prefix: token.slice(0, API_TOKEN_PREFIX.length + 6) };
}
