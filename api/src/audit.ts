// Every write records who changed what, when, in the same transaction as the change.
import type { Prisma } from '@shishin/prisma';
import type { Context } from './context.ts';

type Tx = Prisma.TransactionClient;

export interface AuditEntry {
  /** What happened, as `subject.verb`, e.g. `target.submit`. */
  action: string;
  subjectType: string;
  subjectId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

export async function recordAudit(tx: Tx, ctx: Context, entry: AuditEntry): Promise<void> {
  await tx.auditRecord.create({
    data: {
      actorId: ctx.viewer.user?.id ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      ...(entry.before != null ? { before: entry.before } : {}),
      ...(entry.after != null ? { after: entry.after } : {}),
      requestId: ctx.requestId,
    },
  });
}

/** JSON-safe copy of a row for an audit record (dates as ISO strings, decimals as strings). */
export function auditSnapshot(row: Record<string, unknown>): Prisma.InputJsonValue {
  return JSON.parse(
    JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)),
  ) as Prisma.InputJsonValue;
}
