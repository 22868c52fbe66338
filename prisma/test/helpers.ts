// Shared by the suites: which database kind this run targets, and scratch databases that are
// empty (not migrated), for testing the migrations themselves.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  endpointConfig,
  formatDatabaseUrl,
  parseDatabaseUrl,
  quoteIdent,
  type DatabaseKind,
} from '../src/connection.ts';
import { startEmbedded } from '../src/embedded.ts';
import type { MigrationTarget, ShadowSpec } from '../src/migrations.ts';
import { testDatabaseKind } from '../src/test-database.ts';

export const kind: DatabaseKind = testDatabaseKind();
export const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const shadow: ShadowSpec = kind === 'pglite' ? { kind: 'pglite' } : { kind: 'postgres', url: adminUrl };

async function admin(sql: string): Promise<void> {
  const client = new pg.Client(endpointConfig(parseDatabaseUrl(adminUrl)));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty database of this run's kind, destroyed after `work`. */
export async function withEmptyDatabase<T>(work: (target: MigrationTarget) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const server = await startEmbedded();
    try {
      return await work({ kind, url: server.url });
    } finally {
      await server.close();
    }
  }
  const name = `shishin_test_empty_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${quoteIdent(name)}`);
  try {
    return await work({ kind, url: formatDatabaseUrl({ ...parseDatabaseUrl(adminUrl), database: name }) });
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  }
}

/** Runs a query on a target without Prisma. */
export async function query<R extends pg.QueryResultRow>(target: { url: string }, sql: string): Promise<R[]> {
  const client = new pg.Client(endpointConfig(parseDatabaseUrl(target.url)));
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
