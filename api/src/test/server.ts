// Test harness: a real database (PGlite or PostgreSQL, per SHISHIN_TEST_DB), seeded with
// the guideline and its sample data, behind the real HTTP and WebSocket server.
import { createTestDatabase, type Database } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import { hashPassword } from '../auth/password.ts';
import { startServer, type RunningServer, type ServerOptions } from '../http/server.ts';

export const TEST_PASSWORD = 'test-password-1';

/** Cheap KDF parameters for test fixtures only; production hashes use DEFAULT_COST. */
export const fastHash = (plain: string) => hashPassword(plain, { log2N: 10, r: 8, p: 1 });

export interface TestPlatform {
  server: RunningServer;
  database: Database;
  url: string;
  close(): Promise<void>;
}

export async function startTestPlatform(
  options: Partial<Omit<ServerOptions, 'database'>> & {
    onQuery?: (e: { query: string }) => void;
    sample?: boolean;
  } = {},
): Promise<TestPlatform> {
  const { onQuery, sample = true, ...serverOptions } = options;
  const database = await createTestDatabase(undefined, onQuery ? { onQuery } : {});
  await seed(database.prisma, { sample, hashPassword: fastHash, samplePassword: TEST_PASSWORD });
  const server = await startServer({ database, log: () => {}, ...serverOptions });
  return {
    server,
    database,
    url: server.url,
    async close() {
      await server.stop();
      await database.close();
    },
  };
}
