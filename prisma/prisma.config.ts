// Read by the Prisma CLI (generate, validate, format). DATABASE_URL is optional here:
// generation needs no database, and `env()` would throw when it is unset.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/shishin' },
});
