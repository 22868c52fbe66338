// The migration history: it applies to an empty database, it describes exactly what
// schema.prisma describes, and the tooling around it behaves like Prisma's own.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  createMigration,
  diffSchemaAgainstMigrations,
  migrationStatus,
  readMigrationsDirectory,
} from '../src/migrations.ts';
import { MIGRATIONS_DIR, SCHEMA_PATH } from '../src/paths.ts';
import { kind, query, shadow, sleep, withEmptyDatabase } from './helpers.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'shishin-migrations-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** schema.prisma plus one column: a schema change no migration covers yet. */
async function changedSchema(): Promise<string> {
  const file = path.join(scratch, `schema-${Math.random().toString(36).slice(2)}.prisma`);
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const changed = schema.replace(/(model Ward \{\n)/, '$1  motto String?\n');
  expect(changed).not.toBe(schema);
  await writeFile(file, changed);
  return file;
}

async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(scratch, 'migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe(`migrations (${kind})`, () => {
  it('schema.prisma and prisma/migrations describe the same database', async () => {
    // If this fails: run `pnpm db:migrate:create <name>` and commit the new migration.
    expect(await diffSchemaAgainstMigrations({ shadow })).toBe('');
  });

  it('notices a schema change that no migration covers', async () => {
    // The control for the test above: the same comparison does fail when they disagree.
    const sql = await diffSchemaAgainstMigrations({ shadow, schemaPath: await changedSchema() });
    expect(sql).toMatch(/ALTER TABLE "ward" ADD COLUMN\s+"motto" TEXT/);
  });

  it('apply to an empty database, once', async () => {
    const names = (await readMigrationsDirectory()).migrationDirectories.map((d) => d.path);
    expect(names.length).toBeGreaterThan(0);
    await withEmptyDatabase(async (target) => {
      expect(await migrationStatus(target)).toMatchObject({ pending: names, upToDate: false });
      expect(await applyMigrations(target)).toEqual(names);
      expect(await applyMigrations(target)).toEqual([]);
      expect(await migrationStatus(target)).toMatchObject({ pending: [], failed: [], edited: [], upToDate: true });
      const recorded = await query<{ migration_name: string }>(
        target,
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
      );
      expect(recorded.map((r) => r.migration_name)).toEqual(names);
      // The hand-written part of the init migration arrived too.
      const checks = await query<{ conname: string }>(target, "SELECT conname FROM pg_constraint WHERE contype = 'c'");
      expect(checks.map((c) => c.conname)).toEqual(
        expect.arrayContaining(['membership_single_scope_check', 'comment_single_subject_check']),
      );
    });
  });

  it('create writes a Prisma migration that brings the history in line with the schema', async () => {
    const migrationsDir = await copyOfMigrations();
    const schemaPath = await changedSchema();
    const created = await createMigration('Add ward motto!', { migrationsDir, schemaPath, shadow });
    expect(created?.name).toMatch(/^\d{14}_add_ward_motto$/);
    expect(await readFile(created!.file, 'utf8')).toMatch(
      /-- AlterTable\nALTER TABLE "ward" ADD COLUMN\s+"motto" TEXT;/,
    );
    expect(await diffSchemaAgainstMigrations({ migrationsDir, schemaPath, shadow })).toBe('');
    // Nothing left to migrate: no file, unless a draft for hand-written SQL is asked for.
    await sleep(1100); // migration names carry the second; the next one must sort after
    expect(await createMigration('again', { migrationsDir, schemaPath, shadow })).toBeNull();
    const draft = await createMigration('custom sql', { migrationsDir, schemaPath, shadow, draft: true });
    expect(await readFile(draft!.file, 'utf8')).toBe('-- This is an empty migration.\n');
    expect((await readdir(migrationsDir)).sort()).toEqual([
      ...(await readdir(MIGRATIONS_DIR)).filter((n) => n !== 'migration_lock.toml').sort(),
      created!.name,
      draft!.name,
      'migration_lock.toml',
    ]);
  });

  it('backfills the target or standard a problem was adopted as from its audit records', async () => {
    // The history up to the migration before add_problem_adoption_links, rows written the old
    // way (the link only in the audit record), then the migration.
    const migrationsDir = await copyOfMigrations();
    const names = (await readMigrationsDirectory(migrationsDir)).migrationDirectories.map((d) => d.path);
    const adoption = names.find((n) => n.endsWith('_add_problem_adoption_links'))!;
    const later = names.slice(names.indexOf(adoption));
    const parked = await mkdtemp(path.join(scratch, 'parked-'));
    for (const name of later) await cp(path.join(migrationsDir, name), path.join(parked, name), { recursive: true });
    for (const name of later) await rm(path.join(migrationsDir, name), { recursive: true });
    const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
    await withEmptyDatabase(async (target) => {
      await applyMigrations(target, { migrationsDir });
      await query(
        target,
        `INSERT INTO "ward" ("id", "code", "name", "name_en", "position") VALUES ('${id(1)}', 'w', '区', 'Ward', 1);
         INSERT INTO "section" ("id", "ward_id", "code", "name", "name_en", "kind", "position")
           VALUES ('${id(2)}', '${id(1)}', 's', '課', 'Division', 'COUNTER', 1);
         INSERT INTO "improvement_target" ("id", "section_id", "fiscal_year", "title", "description", "updated_at")
           VALUES ('${id(3)}', '${id(2)}', 2026, '目標', '', now());
         INSERT INTO "standard" ("id", "code", "category", "introduced_fiscal_year") VALUES ('${id(4)}', 'S-1', 'SOFT', 2026);
         INSERT INTO "problem" ("id", "title", "status", "updated_at") VALUES
           ('${id(10)}', 'as target', 'ADOPTED_AS_TARGET', now()),
           ('${id(11)}', 'as standard', 'ADOPTED_AS_STANDARD', now()),
           ('${id(12)}', 'adopted, then reopened', 'OPEN', now()),
           ('${id(13)}', 'adopted as a target since deleted', 'ADOPTED_AS_TARGET', now());
         INSERT INTO "audit_record" ("id", "action", "subject_type", "subject_id", "after", "created_at") VALUES
           ('${id(20)}', 'problem.change_status', 'Problem', '${id(10)}', '{"status":"DECLINED"}', now() - interval '2 days'),
           ('${id(21)}', 'problem.change_status', 'Problem', '${id(10)}', '{"status":"ADOPTED_AS_TARGET","targetId":"${id(3)}"}', now() - interval '1 day'),
           ('${id(22)}', 'problem.change_status', 'Problem', '${id(11)}', '{"status":"ADOPTED_AS_STANDARD","standardId":"${id(4)}"}', now()),
           ('${id(23)}', 'problem.change_status', 'Problem', '${id(12)}', '{"status":"ADOPTED_AS_TARGET","targetId":"${id(3)}"}', now() - interval '1 day'),
           ('${id(24)}', 'problem.change_status', 'Problem', '${id(12)}', '{"status":"OPEN"}', now()),
           ('${id(25)}', 'problem.change_status', 'Problem', '${id(13)}', '{"status":"ADOPTED_AS_TARGET","targetId":"${id(99)}"}', now());`,
      );
      for (const name of later) await cp(path.join(parked, name), path.join(migrationsDir, name), { recursive: true });
      expect(await applyMigrations(target, { migrationsDir })).toEqual(later);
      const rows = await query<{ title: string; adopted_target_id: string | null; adopted_standard_id: string | null }>(
        target,
        `SELECT "title", "adopted_target_id", "adopted_standard_id" FROM "problem" ORDER BY "id"`,
      );
      expect(rows).toEqual([
        { title: 'as target', adopted_target_id: id(3), adopted_standard_id: null },
        { title: 'as standard', adopted_target_id: null, adopted_standard_id: id(4) },
        { title: 'adopted, then reopened', adopted_target_id: null, adopted_standard_id: null },
        { title: 'adopted as a target since deleted', adopted_target_id: null, adopted_standard_id: null },
      ]);
      // A link without its status is refused by the database itself.
      await expect(
        query(target, `UPDATE "problem" SET "adopted_target_id" = '${id(3)}' WHERE "id" = '${id(12)}'`),
      ).rejects.toThrow(/problem_adopted_target_status/);
    });
  });

  it('applies a migration completely or not at all', async () => {
    const migrationsDir = await copyOfMigrations();
    const bad = path.join(migrationsDir, '29990101000000_bad');
    const good = path.join(migrationsDir, '29990101000001_after');
    await mkdir(bad);
    await mkdir(good);
    // A ';' inside a literal must not split the statement; the failure at the end must undo
    // the table created before it.
    await writeFile(
      path.join(bad, 'migration.sql'),
      `CREATE TABLE "half_done" ("id" INT);\nCOMMENT ON TABLE "half_done" IS 'one; two';\nSELECT 1 / 0;\n`,
    );
    await writeFile(path.join(good, 'migration.sql'), `CREATE TABLE "later" ("id" INT);\n`);
    await withEmptyDatabase(async (target) => {
      await expect(applyMigrations(target, { migrationsDir })).rejects.toThrow(/division by zero/);
      const tables = await query<{ tablename: string }>(
        target,
        "SELECT tablename FROM pg_tables WHERE tablename IN ('half_done', 'later')",
      );
      expect(tables).toEqual([]);
      const status = await migrationStatus(target, { migrationsDir });
      expect(status.failed).toEqual(['29990101000000_bad']);
      expect(status.upToDate).toBe(false);
      // Prisma refuses to go on past a failed migration until a human resolves it.
      await expect(applyMigrations(target, { migrationsDir })).rejects.toThrow(/29990101000000_bad/);
    });
  });

  it('reports a migration edited after it was applied', async () => {
    const migrationsDir = await copyOfMigrations();
    await withEmptyDatabase(async (target) => {
      await applyMigrations(target, { migrationsDir });
      const [first] = (await readMigrationsDirectory(migrationsDir)).migrationDirectories;
      const file = path.join(migrationsDir, first!.path, 'migration.sql');
      await writeFile(file, `${await readFile(file, 'utf8')}\n-- edited\n`);
      expect(await migrationStatus(target, { migrationsDir })).toMatchObject({
        edited: [first!.path],
        upToDate: false,
      });
    });
  });
});
