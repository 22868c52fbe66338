// Password hashing with scrypt, Node's built-in memory-hard KDF (RFC 7914), so no native
// addon is needed. Stored form: scrypt$<log2N>$<r>$<p>$<salt b64>$<hash b64>, which lets the
// cost be raised later without invalidating existing hashes (verify reads the parameters).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export interface PasswordCost {
  log2N: number;
  r: number;
  p: number;
}

/** 2^15 × 8 × 128 B = 32 MiB per hash: OWASP's scrypt recommendation. */
export const DEFAULT_COST: PasswordCost = { log2N: 15, r: 8, p: 1 };

function maxmem(cost: PasswordCost): number {
  return 256 * 2 ** cost.log2N * cost.r + 1024 * 1024;
}

export async function hashPassword(password: string, cost: PasswordCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const N = 2 ** cost.log2N;
  const hash = await scrypt(password, salt, { N, r: cost.r, p: cost.p, maxmem: maxmem(cost) });
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, log2NText, rText, pText, saltText, hashText] = parts as [string, string, string, string, string, string];
  const cost = { log2N: Number(log2NText), r: Number(rText), p: Number(pText) };
  if (![cost.log2N, cost.r, cost.p].every(Number.isInteger) || cost.log2N > 20) return false;
  const expected = Buffer.from(hashText, 'base64');
  const actual = await scrypt(password, Buffer.from(saltText, 'base64'), {
    N: 2 ** cost.log2N,
    r: cost.r,
    p: cost.p,
    maxmem: maxmem(cost),
  });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash to verify against when the email is unknown, so that an unknown email costs the
 * same KDF work as a wrong password and response times do not reveal which emails exist.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
