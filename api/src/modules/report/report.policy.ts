// Who sees which rows in an aggregate: the same rules as the lists (target.policy.ts), written
// as SQL conditions, so a count never includes a row its reader could not list.
import { Prisma } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';

/**
 * A target is counted when it is published or belongs to a ward whose unpublished work the
 * viewer reads (readableTargetsWhere). `publishedOnly` narrows any viewer to public data.
 */
export function readableTargetSql(viewer: Viewer, publishedOnly: boolean): Prisma.Sql {
  if (publishedOnly) return Prisma.sql`t.state = 'PUBLISHED'`;
  if (viewer.readsAll) return Prisma.sql`TRUE`;
  const wardIds = [...viewer.readableWardIds()];
  if (wardIds.length === 0) return Prisma.sql`t.state = 'PUBLISHED'`;
  return Prisma.sql`(t.state = 'PUBLISHED' OR s.ward_id IN (${Prisma.join(wardIds.map((id) => Prisma.sql`${id}::uuid`))}))`;
}

/** A result is counted when it is published, or its ward's unpublished work is readable (TargetResult's rule). */
export function readableResultSql(viewer: Viewer, publishedOnly: boolean): Prisma.Sql {
  if (publishedOnly) return Prisma.sql`r.state = 'PUBLISHED'`;
  if (viewer.readsAll) return Prisma.sql`TRUE`;
  const wardIds = [...viewer.readableWardIds()];
  if (wardIds.length === 0) return Prisma.sql`r.state = 'PUBLISHED'`;
  return Prisma.sql`(r.state = 'PUBLISHED' OR s.ward_id IN (${Prisma.join(wardIds.map((id) => Prisma.sql`${id}::uuid`))}))`;
}

/**
 * A review round is counted when the viewer reads its ward's unpublished work (ReviewRound's
 * rule: rounds are the committee's working record, never public, even of published targets).
 */
export function readableRoundSql(viewer: Viewer): Prisma.Sql {
  if (viewer.readsAll) return Prisma.sql`TRUE`;
  const wardIds = [...viewer.readableWardIds()];
  if (wardIds.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`s.ward_id IN (${Prisma.join(wardIds.map((id) => Prisma.sql`${id}::uuid`))})`;
}
