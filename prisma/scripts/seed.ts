// `pnpm db:seed`: loads the guideline into DATABASE_URL or the embedded database (and the
// sample data outside production). Safe to run again: it adds only what is missing.
import { openDatabase } from '../src/index.ts';
import { seed } from '../seed/index.ts';
import { hashPassword } from '../../api/src/auth/password.ts';

const production = process.env.NODE_ENV === 'production';
const sample = !production && process.env.SHISHIN_SAMPLE_DATA !== '0';
const database = await openDatabase({
  ...(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {}),
  ...(process.env.SHISHIN_DATA_DIR ? { dataDir: process.env.SHISHIN_DATA_DIR } : {}),
  log: (m) => console.log(m),
});
try {
  const report = await seed(database.prisma, {
    sample,
    hashPassword: (plain) => hashPassword(plain),
    samplePassword: process.env.SHISHIN_DEV_PASSWORD ?? 'shishin-dev',
    log: (m) => console.log(m),
  });
  console.log(
    `seeded in ${report.durationMs} ms: ${report.createdRows} rows created${sample ? ` (${report.sampleRows} sample rows present)` : ''}`,
  );
} finally {
  await database.close();
}
