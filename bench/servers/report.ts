// The report bench's child: one process, one database, two servers over it.
// - Shishin's real production server (GraphQL over HTTP, /exports), with an injected rate
//   limiter that gives every caller a budget of 10^12 points an hour instead of 500,000 (the
//   bench sends millions of points a minute as one anonymous address); costs are still
//   computed and charged as in production.
// - A tiny node:http server answering the same three reports with hand-written Prisma
//   queries, in the same JSON shape ({ data: … }) — the baseline. Same process, same
//   database connection, same event loop: the comparison is of the code paths only.
// The baseline server also carries the bench's controls (/_bench/*): the number of SQL
// statements sent so far (counted by createTestDatabase's onQuery hook), growing the data
// set, and sampling process.memoryUsage() every 50 ms around an export.
//
// Generated data: 7 wards × BENCH_SECTIONS (30) sections × 10 fiscal years (2017–2026) ×
// N targets per section and year, each published, serving one standard and one principle,
// with a published result of a varied achievement level. POST /_bench/grow?perSection=N tops
// every section and year up to N targets, so one run measures 1/10 scale and then full scale.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, Prisma, type AchievementLevel } from '@shishin/prisma';
import { CURRENT_GUIDELINE_CODE, seed } from '@shishin/prisma/seed';
import { hashPassword } from '../../api/src/auth/password.ts';
import { startServer } from '../../api/src/http/server.ts';
import { createInMemoryRateLimiter, type RateLimiter } from '../../api/src/http/rate-limit.ts';

const SECTIONS = Number(process.env.BENCH_SECTIONS ?? 30);
export const BENCH_YEARS = Array.from({ length: 10 }, (_, i) => 2017 + i);
const BATCH = 1000;

let statements = 0;
let sqlMs = 0;
/** The last statements sent, for looking into a report (GET /_bench/statements?log=1). */
const recent: { query: string; ms: number }[] = [];
const database = await createTestDatabase(
  (process.env.SHISHIN_BENCH_DB as 'pglite' | 'postgres' | undefined) ?? 'pglite',
  {
    onQuery: ({ query, durationMs }) => {
      statements += 1;
      sqlMs += durationMs;
      recent.push({ query: query.slice(0, 400), ms: durationMs });
      if (recent.length > 50) recent.shift();
    },
  },
);
const db = database.prisma;
await seed(db, {
  sample: true,
  hashPassword: (p) => hashPassword(p, { log2N: 10, r: 8, p: 1 }),
  samplePassword: 'bench',
});

// ───────────────────────────── generated data ─────────────────────────────

const wards = await db.ward.findMany({ orderBy: { position: 'asc' } });
const standards = await db.standard.findMany({ orderBy: { code: 'asc' }, select: { id: true } });
const principles = await db.principle.findMany({
  where: { version: { code: CURRENT_GUIDELINE_CODE } },
  orderBy: { position: 'asc' },
  select: { id: true },
});
const sections: { id: string }[] = [];
for (const ward of wards) {
  await db.section.createMany({
    data: Array.from({ length: SECTIONS }, (_, i) => ({
      wardId: ward.id,
      code: `bench-${String(i + 1).padStart(2, '0')}`,
      name: `ベンチ${i + 1}課`,
      nameEn: `Bench section ${i + 1}`,
      kind: 'COUNTER' as const,
      position: 100 + i,
    })),
  });
}
sections.push(
  ...(await db.section.findMany({
    where: { code: { startsWith: 'bench-' } },
    orderBy: [{ ward: { position: 'asc' } }, { position: 'asc' }],
    select: { id: true },
  })),
);

const LEVELS: AchievementLevel[] = ['GREATLY_EXCEEDED', 'EXCEEDED', 'ACHIEVED', 'ACHIEVED', 'BELOW', 'GREATLY_BELOW'];
let perSection = 0;
let generated = 0;

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Tops every bench section and year up to `target` targets (with their links and results). */
async function grow(target: number): Promise<void> {
  const targets: Prisma.ImprovementTargetCreateManyInput[] = [];
  const links: { standard: Prisma.TargetStandardCreateManyInput; principle: Prisma.TargetPrincipleCreateManyInput }[] =
    [];
  const results: Prisma.TargetResultCreateManyInput[] = [];
  for (const year of BENCH_YEARS) {
    const publishedAt = new Date(Date.UTC(year, 4, 1));
    for (const [s, section] of sections.entries()) {
      for (let n = perSection; n < target; n += 1) {
        const id = randomUUID();
        const i = generated + targets.length;
        targets.push({
          id,
          sectionId: section.id,
          fiscalYear: year,
          state: 'PUBLISHED',
          title: `窓口の待ち時間を短縮する ${year}-${s + 1}-${n + 1}`,
          description: `ベンチマーク用の目標（${year}年度、${n + 1}件目）。`,
          indicatorName: '平均待ち時間',
          unit: '分',
          baselineValue: new Prisma.Decimal(20),
          targetValue: new Prisma.Decimal(15),
          publishedAt,
        });
        links.push({
          standard: { targetId: id, standardId: standards[i % standards.length]!.id },
          principle: { targetId: id, principleId: principles[i % principles.length]!.id },
        });
        results.push({
          targetId: id,
          state: 'PUBLISHED',
          achievementLevel: LEVELS[(i * 7 + year) % LEVELS.length]!,
          actualValue: new Prisma.Decimal(10 + (i % 13)),
          evidence: '窓口システムの記録',
          reportedAt: new Date(Date.UTC(year + 1, 3, 10)),
          confirmedAt: new Date(Date.UTC(year + 1, 3, 20)),
          publishedAt: new Date(Date.UTC(year + 1, 4, 1)),
        });
      }
    }
  }
  await inBatches(targets, (data) => db.improvementTarget.createMany({ data }));
  await inBatches(links, (data) => db.targetStandard.createMany({ data: data.map((l) => l.standard) }));
  await inBatches(links, (data) => db.targetPrinciple.createMany({ data: data.map((l) => l.principle) }));
  await inBatches(results, (data) => db.targetResult.createMany({ data }));
  generated += targets.length;
  perSection = Math.max(perSection, target);
  // Fresh statistics for the planner, as autovacuum would give a real database in time.
  await db.$executeRawUnsafe('ANALYZE');
}

// ───────────────────────────── the production server ─────────────────────────────

const inner = createInMemoryRateLimiter();
const generousBudgets: RateLimiter = { take: (key, points, _limit, now) => inner.take(key, points, 1e12, now) };
const server = await startServer({ database, production: true, log: () => {}, rateLimiter: generousBudgets });

// ───────────────────────────── the hand-written baseline ─────────────────────────────

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const decimal = (value: Prisma.Decimal | null) => (value === null ? null : value.toString());

/** Report 1: achievement by ward for a year (published targets and results). */
async function achievementByWard(vars: { fiscalYear: number }) {
  const rows = await db.$queryRaw<{ code: string; name: string; level: string | null; count: number }[]>`
    SELECT w.code, w.name, r.achievement_level::text AS level, COUNT(*)::int AS count
    FROM improvement_target t
    JOIN section s ON s.id = t.section_id
    JOIN ward w ON w.id = s.ward_id
    LEFT JOIN target_result r ON r.target_id = t.id AND r.state = 'PUBLISHED'
    WHERE t.state = 'PUBLISHED' AND t.fiscal_year = ${vars.fiscalYear}
    GROUP BY w.id, w.code, w.name, w.position, r.achievement_level
    ORDER BY w.position, r.achievement_level NULLS LAST`;
  return {
    targetCounts: rows.map((r) => ({
      ward: { code: r.code, name: r.name },
      achievementLevel: r.level,
      count: r.count,
    })),
  };
}

/** Report 2: one page of a ward's published targets of a year, with section, standards and result. */
async function wardTargets(vars: { wardId: string; fiscalYear: number; after?: string | null }) {
  const page = await db.improvementTarget.findMany({
    where: { state: 'PUBLISHED', fiscalYear: vars.fiscalYear, section: { wardId: vars.wardId } },
    orderBy: [
      { section: { ward: { position: 'asc' } } },
      { section: { position: 'asc' } },
      { createdAt: 'asc' },
      { id: 'asc' },
    ],
    take: 101,
    ...(vars.after ? { cursor: { id: vars.after }, skip: 1 } : {}),
    select: {
      id: true,
      title: true,
      section: { select: { code: true, name: true } },
      standards: { select: { standard: { select: { code: true } } }, orderBy: { standard: { code: 'asc' } } },
      result: { select: { state: true, achievementLevel: true, actualValue: true } },
    },
  });
  const nodes = page.slice(0, 100);
  return {
    improvementTargets: {
      pageInfo: { hasNextPage: page.length > 100, endCursor: nodes.at(-1)?.id ?? null },
      edges: nodes.map((t) => ({
        node: {
          id: globalId('ImprovementTarget', t.id),
          title: t.title,
          section: t.section,
          standards: t.standards.map((s) => s.standard),
          result:
            t.result && t.result.state === 'PUBLISHED'
              ? { achievementLevel: t.result.achievementLevel, actualValue: decimal(t.result.actualValue) }
              : null,
        },
      })),
    },
  };
}

type Revision = {
  id: string;
  fiscalYear: number;
  title: string;
  minimumValue: Prisma.Decimal | null;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER' | null;
};

/** Report 3: every standard compared between two years' published sets. */
async function standardChanges(vars: { fromYear: number; toYear: number }) {
  const list = await db.standard.findMany({
    orderBy: { code: 'asc' },
    select: {
      code: true,
      category: true,
      introducedFiscalYear: true,
      retiredFiscalYear: true,
      revisions: {
        where: { status: 'PUBLISHED', fiscalYear: { lte: Math.max(vars.fromYear, vars.toYear) } },
        select: { id: true, fiscalYear: true, title: true, minimumValue: true, direction: true },
        orderBy: { fiscalYear: 'desc' },
      },
    },
  });
  const inForce = (s: (typeof list)[number], year: number): Revision | null =>
    s.introducedFiscalYear > year || (s.retiredFiscalYear !== null && s.retiredFiscalYear <= year)
      ? null
      : (s.revisions.find((r) => r.fiscalYear <= year) ?? null);
  const kind = (from: Revision | null, to: Revision | null) => {
    if (!from) return 'ADDED';
    if (!to) return 'RETIRED';
    if (from.id === to.id) return 'UNCHANGED';
    if (from.minimumValue !== null && to.minimumValue !== null && to.direction) {
      const [before, after] = [from.minimumValue.toNumber(), to.minimumValue.toNumber()];
      if (to.direction === 'HIGHER_IS_BETTER' ? after > before : after < before) return 'RAISED';
    }
    return 'CHANGED';
  };
  const shape = (r: Revision | null) =>
    r && { fiscalYear: r.fiscalYear, title: r.title, minimumValue: decimal(r.minimumValue) };
  return {
    standardChanges: list.flatMap((s) => {
      const from = inForce(s, vars.fromYear);
      const to = inForce(s, vars.toYear);
      if (!from && !to) return [];
      return [
        { kind: kind(from, to), standard: { code: s.code, category: s.category }, from: shape(from), to: shape(to) },
      ];
    }),
  };
}

const BASELINE: Record<string, (vars: never) => Promise<unknown>> = {
  '/report/achievement': achievementByWard,
  '/report/targets': wardTargets,
  '/report/changes': standardChanges,
};

// ───────────────────────────── memory sampling ─────────────────────────────

interface Sample {
  heapUsed: number;
  rss: number;
}
let sampler: { timer: NodeJS.Timeout; baseline: Sample; peak: Sample; samples: number } | undefined;

/**
 * Samples every 50 ms. With `live`, every 500 ms, each sample after a full GC (node --expose-gc): the
 * heap still in use rather than the garbage V8 has not collected yet, at the cost of speed.
 */
async function startSampling(live: boolean): Promise<Sample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (live && !gc) throw new Error('live sampling needs node --expose-gc');
  gc?.();
  // The idle baseline: the lowest of 10 samples over half a second after a GC.
  const idle: Sample[] = [];
  for (let i = 0; i < 10; i += 1) {
    const { heapUsed, rss } = process.memoryUsage();
    idle.push({ heapUsed, rss });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const baseline = {
    heapUsed: Math.min(...idle.map((s) => s.heapUsed)),
    rss: Math.min(...idle.map((s) => s.rss)),
  };
  const state = { baseline, peak: { ...baseline }, samples: 0, timer: undefined as unknown as NodeJS.Timeout };
  // A full GC takes tens of milliseconds here: live samples come every 500 ms instead.
  state.timer = setInterval(
    () => {
      if (live) gc!();
      const { heapUsed, rss } = process.memoryUsage();
      state.peak.heapUsed = Math.max(state.peak.heapUsed, heapUsed);
      state.peak.rss = Math.max(state.peak.rss, rss);
      state.samples += 1;
    },
    live ? 500 : 50,
  );
  sampler = state;
  return baseline;
}

// ───────────────────────────── the baseline server and the controls ─────────────────────────────

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const baseline = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  void (async () => {
    const report = BASELINE[url.pathname];
    if (report && req.method === 'POST') {
      const { variables } = await readJson(req);
      send(res, 200, { data: await report(variables as never) });
    } else if (url.pathname === '/_bench/cpu') {
      // The child's CPU time so far (µs, user + system): both servers and the embedded database
      // share this one thread, so CPU time per report is what a report costs, whatever the load.
      const { user, system } = process.cpuUsage();
      send(res, 200, { cpuMicros: user + system });
    } else if (url.pathname === '/_bench/statements') {
      send(res, 200, { statements, sqlMs, ...(url.searchParams.has('log') ? { recent } : {}) });
    } else if (url.pathname === '/_bench/grow' && req.method === 'POST') {
      const started = performance.now();
      await grow(Number(url.searchParams.get('perSection')));
      const total = await db.improvementTarget.count();
      send(res, 200, { generated, total, seconds: (performance.now() - started) / 1000 });
    } else if (url.pathname === '/_bench/wards') {
      send(res, 200, { wards: wards.map((w) => ({ id: w.id, code: w.code, globalId: globalId('Ward', w.id) })) });
    } else if (url.pathname === '/_bench/memory/start' && req.method === 'POST') {
      send(res, 200, { baseline: await startSampling(url.searchParams.has('live')) });
    } else if (url.pathname === '/_bench/memory/stop' && req.method === 'POST') {
      if (!sampler) return send(res, 409, { error: 'not sampling' });
      clearInterval(sampler.timer);
      const { baseline: idle, peak, samples } = sampler;
      sampler = undefined;
      send(res, 200, { baseline: idle, peak, samples });
    } else send(res, 404, { error: 'not found' });
  })().catch((error: unknown) => send(res, 500, { error: String(error) }));
});
await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));

console.log(
  JSON.stringify({
    ready: server.url,
    baseline: `http://127.0.0.1:${(baseline.address() as AddressInfo).port}`,
    databaseKind: database.kind,
  }),
);
process.on('SIGTERM', async () => {
  baseline.close();
  await server.stop();
  await database.close();
  process.exit(0);
});
