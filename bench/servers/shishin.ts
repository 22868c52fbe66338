// Shishin's real server on a fresh embedded database with the guideline and sample data,
// plus BENCH_READERS reader accounts in 中原区's committee (password 'bench'), so the
// fan-out bench spreads its subscribers over many users — many permission classes — instead
// of one session of one user. Its pubsub is the server's own in-memory one, wrapped to
// record when each comment event is published (after the commit), for the bench's
// publish→receive (publish-clock.ts, served on a port of its own).
import { createTestDatabase } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import { hashPassword } from '../../api/src/auth/password.ts';
import { startServer } from '../../api/src/http/server.ts';
import { createInMemoryPubSub, type PubSub } from '../../api/src/pubsub.ts';
import { publishClock, servePublishClock } from './publish-clock.ts';

const READERS = Number(process.env.BENCH_READERS ?? 20);

const database = await createTestDatabase(
  (process.env.SHISHIN_BENCH_DB as 'pglite' | 'postgres' | undefined) ?? 'pglite',
);
const cheapHash = (p: string) => hashPassword(p, { log2N: 10, r: 8, p: 1 });
await seed(database.prisma, { sample: true, hashPassword: cheapHash, samplePassword: 'bench' });

const db = database.prisma;
const committee = await db.committee.findFirstOrThrow({
  where: { kind: 'WARD_COMMITTEE', ward: { code: 'nakahara' } },
});
const passwordHash = await cheapHash('bench');
for (let i = 1; i <= READERS; i += 1) {
  const n = String(i).padStart(2, '0');
  await db.user.create({
    data: {
      email: `reader${n}.nakahara@bench.example.jp`,
      displayName: `ベンチ読者 ${n}`,
      passwordHash,
      memberships: { create: { role: 'COMMITTEE_MEMBER', committeeId: committee.id } },
    },
  });
}

const clock = publishClock();
const inner = createInMemoryPubSub();
const pubsub: PubSub = {
  ...inner,
  publish(topic, payload) {
    if (topic === 'commentChanged') clock.record();
    inner.publish(topic, payload);
  },
};
const published = `${await servePublishClock(clock)}/published`;

const server = await startServer({ database, pubsub, production: process.env.BENCH_DEBUG !== '1', log: () => {} });
console.log(JSON.stringify({ ready: server.url, published }));
process.on('SIGTERM', async () => {
  // The parent reads this line: how many executions the subscription events cost.
  console.log(JSON.stringify({ subscriptionMetrics: server.subscriptionMetrics }));
  await server.stop();
  await database.close();
  process.exit(0);
});
