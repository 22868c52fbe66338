// @shishin/prisma: the database layer. The generated client (models, enums, Prisma
// namespace), a way to open the database (embedded PGlite or PostgreSQL), migrations, and
// disposable databases for tests. See docs/database.md.
export * from '../generated/client/client.ts';
export type { DatabaseKind, QueryEvent } from './connection.ts';
export { openDatabase, type Database, type OpenDatabaseOptions } from './database.ts';
export { createTestDatabase, type TestDatabaseOptions } from './test-database.ts';
export { resetDatabase } from './reset.ts';
export { violatedCheckConstraint } from './errors.ts';
export {
  applyMigrations,
  createMigration,
  diffSchemaAgainstMigrations,
  migrationStatus,
  type CreatedMigration,
  type CreateMigrationOptions,
  type DiffOptions,
  type MigrationOptions,
  type MigrationStatus,
  type MigrationTarget,
  type ShadowSpec,
} from './migrations.ts';
