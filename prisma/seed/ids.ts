// Deterministic ids for seeded rows. A row without a natural unique key (a target, a comment,
// a review round) is recognised on the next run by its id, so running the seed twice inserts
// nothing new. The ids are shaped like UUIDv7 so that they sort in seed order: the 48-bit time
// field is a fixed instant plus the row's ordinal, the rest comes from a hash of its name.
import { createHash } from 'node:crypto';

const EPOCH = Date.UTC(2012, 2, 1); // H24.3

export function stableId(name: string, ordinal: number): string {
  const hash = createHash('sha256').update(`shishin-seed\0${name}`).digest('hex');
  const time = (EPOCH + ordinal).toString(16).padStart(12, '0');
  const variant = ((parseInt(hash.charAt(3), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hash.slice(0, 3)}-${variant}${hash.slice(4, 7)}-${hash.slice(7, 19)}`;
}
