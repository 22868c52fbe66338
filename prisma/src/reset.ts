import type { PrismaClient } from '../generated/client/client.ts';

/**
 * Empties every table of the current schema except Prisma's migration history, restarting
 * sequences: for tests that share one database between cases. One TRUNCATE statement, so
 * foreign keys between the tables do not matter.
 */
export async function resetDatabase(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT quote_ident(tablename) AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  await prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY CASCADE`);
}
