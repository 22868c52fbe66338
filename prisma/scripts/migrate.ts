// Prisma-compatible migration commands that need no native Prisma binary:
//   node --import tsx scripts/migrate.ts create <name> [--draft]
//   node --import tsx scripts/migrate.ts deploy
//   node --import tsx scripts/migrate.ts status
//   node --import tsx scripts/migrate.ts diff
// Target: DATABASE_URL when set, otherwise the embedded PGlite database in SHISHIN_DATA_DIR
// (default <repo>/.data/pglite). Shadow databases for create/diff: a scratch database on the
// DATABASE_URL server when set, otherwise in-memory PGlite. See docs/database.md.
import { parseArgs } from 'node:util';
import { redactUrl } from '../src/connection.ts';
import { startEmbedded } from '../src/embedded.ts';
import {
  applyMigrations,
  createMigration,
  diffSchemaAgainstMigrations,
  migrationStatus,
  type MigrationTarget,
  type ShadowSpec,
} from '../src/migrations.ts';
import { DEFAULT_PGLITE_DIR } from '../src/paths.ts';

const USAGE = 'usage: migrate.ts create <name> [--draft] | deploy | status | diff';

async function withTarget<T>(work: (target: MigrationTarget) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (url) {
    console.error(`database: ${redactUrl(url)}`);
    return work({ kind: 'postgres', url });
  }
  const dataDir = process.env.SHISHIN_DATA_DIR ?? DEFAULT_PGLITE_DIR;
  console.error(`database: embedded PGlite in ${dataDir}`);
  const server = await startEmbedded({ dataDir });
  try {
    return await work({ kind: 'pglite', url: server.url });
  } finally {
    await server.close();
  }
}

function shadow(): ShadowSpec {
  const url = process.env.DATABASE_URL;
  return url ? { kind: 'postgres', url } : { kind: 'pglite' };
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { draft: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } },
  });
  const log = values.verbose ? (line: string) => console.error(line) : undefined;
  const [command, name] = positionals;
  switch (command) {
    case 'create': {
      if (!name) {
        console.error(USAGE);
        return 64;
      }
      const created = await createMigration(name, { draft: values.draft, shadow: shadow(), log });
      if (!created) {
        console.log('schema.prisma and the migrations agree: nothing to create (use --draft for an empty migration).');
        return 0;
      }
      console.log(`created ${created.file}\nreview it, then run: pnpm db:migrate:deploy`);
      return 0;
    }
    case 'deploy': {
      const applied = await withTarget((target) => applyMigrations(target, { log }));
      console.log(applied.length ? `applied:\n  ${applied.join('\n  ')}` : 'no pending migrations');
      return 0;
    }
    case 'status': {
      const status = await withTarget((target) => migrationStatus(target, { log }));
      console.log(`${status.migrations.length} migrations in prisma/migrations`);
      for (const [label, names] of [
        ['pending', status.pending],
        ['FAILED', status.failed],
        ['edited after being applied', status.edited],
        ['applied but not in prisma/migrations', status.unknown],
      ] as const) {
        if (names.length) console.log(`${label}:\n  ${names.join('\n  ')}`);
      }
      const drift = await diffSchemaAgainstMigrations({ shadow: shadow(), log });
      console.log(
        drift
          ? 'schema.prisma has changes no migration covers: run `migrate.ts create <name>`'
          : 'schema.prisma and the migrations agree',
      );
      if (status.upToDate) console.log('database is up to date');
      return status.upToDate && !drift ? 0 : 1;
    }
    case 'diff': {
      const sql = await diffSchemaAgainstMigrations({ shadow: shadow(), log });
      if (sql) process.stdout.write(sql);
      else console.error('schema.prisma and the migrations agree');
      return sql ? 2 : 0;
    }
    default:
      console.error(USAGE);
      return 64;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
