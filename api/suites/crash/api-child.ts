// Starting, killing and stopping the api child process (crash/api-process.ts), and preparing
// the database it runs on: a PGlite data directory on disk, or a PostgreSQL database of its
// own; both migrated and seeded with the sample data (cheap password hashes) up front.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, openDatabase, type Database } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import { fastHash, TEST_PASSWORD } from '../../src/test/server.ts';

const apiDir = fileURLToPath(new URL('../../', import.meta.url));
const entry = fileURLToPath(new URL('./api-process.ts', import.meta.url));

export interface CrashDatabase {
  kind: 'pglite' | 'postgres';
  /** Environment for the child: DATABASE_URL or SHISHIN_DATA_DIR. */
  env: Record<string, string>;
  /** The revision working group's row id (its boards are where the suite writes). */
  committeeId: string;
  /** Opens it in this process (the child must not be running on a PGlite directory). */
  open(): Promise<Database>;
  destroy(): Promise<void>;
}

async function seeded(database: Database): Promise<string> {
  await seed(database.prisma, { sample: true, hashPassword: fastHash, samplePassword: TEST_PASSWORD });
  const committee = await database.prisma.committee.findFirstOrThrow({ where: { kind: 'REVISION_WORKING_GROUP' } });
  return committee.id;
}

export async function prepareDatabase(kind: 'pglite' | 'postgres'): Promise<CrashDatabase> {
  if (kind === 'postgres') {
    // A migrated database of its own (dropped by destroy); this process stays connected.
    const database = await createTestDatabase('postgres');
    const committeeId = await seeded(database);
    return {
      kind,
      committeeId,
      env: { DATABASE_URL: database.url },
      open: async () => ({ ...database, close: async () => {} }),
      destroy: () => database.close(),
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'shishin-crash-'));
  const dataDir = path.join(dir, 'pglite');
  const first = await openDatabase({ dataDir, migrate: true });
  let committeeId: string;
  try {
    committeeId = await seeded(first);
  } finally {
    await first.close();
  }
  return {
    kind,
    committeeId,
    env: { SHISHIN_DATA_DIR: dataDir },
    // PGlite is one process's: opened only while the api is down.
    open: () => openDatabase({ dataDir, migrate: false }),
    destroy: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ApiChild {
  url: string;
  /** The end of what the process wrote to stderr (its log). */
  log(): string;
  process: ChildProcess;
  /** SIGKILL: no shutdown code runs. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful stop (everything pending written). */
  stop(): Promise<void>;
}

export async function startApi(database: CrashDatabase): Promise<ApiChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: apiDir,
    env: { ...process.env, ...database.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`api did not start within 90 s:\n${stderr}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /READY (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`api exited (${code}) before serving:\n${stderr}`));
    });
  });
  return {
    url,
    log: () => stderr,
    process: child,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
