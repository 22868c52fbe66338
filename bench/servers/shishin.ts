// Shishin's real server on a fresh embedded database with the guideline and sample data.
import { createTestDatabase } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import { hashPassword } from '../../api/src/auth/password.ts';
import { startServer } from '../../api/src/http/server.ts';

const database = await createTestDatabase(
  (process.env.SHISHIN_BENCH_DB as 'pglite' | 'postgres' | undefined) ?? 'pglite',
);
await seed(database.prisma, {
  sample: true,
  hashPassword: (p) => hashPassword(p, { log2N: 10, r: 8, p: 1 }),
  samplePassword: 'bench',
});
const server = await startServer({ database, production: true, log: () => {} });
console.log(JSON.stringify({ ready: server.url }));
process.on('SIGTERM', async () => {
  await server.stop();
  await database.close();
  process.exit(0);
});
