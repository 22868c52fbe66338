// One api instance for `bench/boards-scale.ts`: the real server on the database the bench
// prepared (SHISHIN_BENCH_DATABASE_URL), sharing boards through Redis when REDIS_URL is set.
import { openDatabase } from '@shishin/prisma';
import { startServer } from '../../api/src/http/server.ts';

const database = await openDatabase({ url: process.env.SHISHIN_BENCH_DATABASE_URL!, migrate: false });
const redisUrl = process.env.REDIS_URL;
const prefix = process.env.SHISHIN_BENCH_REDIS_PREFIX;
const server = await startServer({
  database,
  production: true,
  log: (message) => console.error(message),
  ...(redisUrl ? { boards: { redis: { url: redisUrl, ...(prefix ? { prefix } : {}) } } } : {}),
});
await server.boards.redis?.ready;
console.log(JSON.stringify({ ready: server.url }));
process.on('SIGTERM', async () => {
  await server.stop();
  await database.close();
  process.exit(0);
});
