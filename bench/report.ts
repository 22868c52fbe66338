// `pnpm bench` (report part): the reporting issue's three example reports, through Shishin's
// real production server (GraphQL over HTTP) and, beside it in the same run, a hand-written
// Prisma implementation of the same data served by a tiny HTTP server in the same child
// process (servers/report.ts), at 1/10 scale (4,200 generated targets) and at full scale
// (42,000). Prints p50/p99 and reports/s for both, their ratio, and SQL statements per
// request for both; checks once per report and scale that both return the same data (and
// fails loudly if not). Then exports every target (all years) as CSV and XLSX while the child
// samples its heap and RSS, to show that an export runs in constant memory.
// BENCH_ONLY=report runs this part alone; BENCH_SECONDS (10) per case, BENCH_REPORT_CONNECTIONS
// (10) concurrent clients, BENCH_REPORT_SCALES (2,20) targets per section and year, SHISHIN_BENCH_DB=postgres for PostgreSQL instead of PGlite,
// BENCH_CPU_PROF=<dir> for a CPU profile of the child. Besides reports/s it prints the child's CPU
// time per report on each side (process.cpuUsage(): both servers and PGlite share its thread), which a
// loaded machine disturbs less than wall time.
import { spawn, type ChildProcess } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { createInterface } from 'node:readline';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_REPORT_CONNECTIONS ?? 10);
/** Targets per section and fiscal year: 1/10 scale, then full scale (BENCH_REPORT_SCALES=1,2 for a quick try). */
const SCALES = (process.env.BENCH_REPORT_SCALES ?? '2,20').split(',').map(Number);
const YEAR = 2026;
/** BENCH_REPORT_PARTS=exports measures the exports alone (reports, exports; default both). */
const PARTS = new Set((process.env.BENCH_REPORT_PARTS ?? 'reports,exports').split(','));

interface Child {
  url: string;
  baseline: string;
  databaseKind: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A directory: the child writes a V8 CPU profile there when it stops (node --cpu-prof). */
const PROFILE = process.env.BENCH_CPU_PROF;

async function startChild(): Promise<Child> {
  const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--expose-gc', '--import', 'tsx', 'servers/report.ts'], {
    cwd: new URL('.', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Record<string, string>>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const message = JSON.parse(line) as Record<string, string>;
        if (typeof message.ready === 'string') resolve(message);
      } catch {
        // not our line
      }
    });
    void exited.then(() => reject(new Error('servers/report.ts exited before it was ready')));
  });
  return {
    url: ready.ready!,
    baseline: ready.baseline!,
    databaseKind: ready.databaseKind!,
    child,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200 || json.errors) {
    throw new Error(`${url}: HTTP ${response.status} ${JSON.stringify(json.errors ?? json).slice(0, 2000)}`);
  }
  return json;
}

/** One run of a report: its data (all pages) and how many HTTP requests it took. */
type Run = () => Promise<{ data: unknown; requests: number }>;

interface Report {
  name: string;
  shishin: Run;
  baseline: Run;
}

type Page = {
  improvementTargets: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: unknown }[] };
};

const ACHIEVEMENT = `query Achievement($fiscalYear: Int!) {
  targetCounts(groupBy: [WARD, ACHIEVEMENT_LEVEL], fiscalYear: $fiscalYear, publishedOnly: true) {
    ward { code name } achievementLevel count
  }
}`;
const WARD_TARGETS = `query WardTargets($wardId: ID!, $fiscalYear: Int!, $after: String) {
  improvementTargets(wardId: $wardId, fiscalYear: $fiscalYear, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id title section { code name } standards { code } result { achievementLevel actualValue } } }
  }
}`;
const CHANGES = `query Changes($fromYear: Int!, $toYear: Int!) {
  standardChanges(fromYear: $fromYear, toYear: $toYear) {
    kind standard { code category } from { fiscalYear title minimumValue } to { fiscalYear title minimumValue }
  }
}`;

function reports(child: Child, ward: { id: string; globalId: string }): Report[] {
  const graphql = async (query: string, variables: Record<string, unknown>) =>
    (await postJson(`${child.url}/graphql`, { query, variables })).data;
  const hand = async (path: string, variables: Record<string, unknown>) =>
    (await postJson(`${child.baseline}${path}`, { variables })).data;
  /** Every page of a ward's targets, following endCursor. */
  const pages =
    (fetchPage: (after: string | null) => Promise<unknown>): Run =>
    async () => {
      const nodes: unknown[] = [];
      let after: string | null = null;
      let requests = 0;
      for (;;) {
        const page = (await fetchPage(after)) as Page;
        requests += 1;
        nodes.push(...page.improvementTargets.edges.map((e) => e.node));
        if (!page.improvementTargets.pageInfo.hasNextPage) return { data: nodes, requests };
        after = page.improvementTargets.pageInfo.endCursor;
      }
    };
  const once =
    (fetchData: () => Promise<unknown>): Run =>
    async () => ({ data: await fetchData(), requests: 1 });
  return [
    {
      name: `1 achievement by ward, FY${YEAR}`,
      shishin: once(() => graphql(ACHIEVEMENT, { fiscalYear: YEAR })),
      baseline: once(() => hand('/report/achievement', { fiscalYear: YEAR })),
    },
    {
      name: `2 中原区's targets FY${YEAR}, all pages`,
      shishin: pages((after) => graphql(WARD_TARGETS, { wardId: ward.globalId, fiscalYear: YEAR, after })),
      baseline: pages((after) => hand('/report/targets', { wardId: ward.id, fiscalYear: YEAR, after })),
    },
    {
      name: `3 standard changes FY${YEAR - 1}→${YEAR}`,
      shishin: once(() => graphql(CHANGES, { fromYear: YEAR - 1, toYear: YEAR })),
      baseline: once(() => hand('/report/changes', { fromYear: YEAR - 1, toYear: YEAR })),
    },
  ];
}

interface Load {
  /** The child's CPU time per whole report (ms): both servers and PGlite share its one thread. */
  cpuMs: number;
  p50: number;
  p99: number;
  /** Whole reports (all their pages) per second. */
  rps: number;
  /** HTTP requests per second. */
  httpRps: number;
  runs: number;
}

/** CONNECTIONS clients, each running the report again as soon as it finished, for `seconds`. */
type Tally = { latencies: number[]; runs: number; requests: number; ms: number; cpuMicros: number };

async function childCpu(child: Child): Promise<number> {
  return ((await (await fetch(`${child.baseline}/_bench/cpu`)).json()) as { cpuMicros: number }).cpuMicros;
}

async function load(child: Child, run: Run, seconds: number, into: Tally) {
  const cpuBefore = await childCpu(child);
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        const { requests } = await run();
        into.latencies.push(performance.now() - start);
        into.runs += 1;
        into.requests += requests;
      }
    }),
  );
  into.ms += performance.now() - started;
  into.cpuMicros += (await childCpu(child)) - cpuBefore;
}

function summarise(m: Tally): Load {
  const sorted = [...m.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    cpuMs: m.cpuMicros / 1000 / m.runs,
    p50: at(0.5),
    p99: at(0.99),
    rps: (m.runs * 1000) / m.ms,
    httpRps: (m.requests * 1000) / m.ms,
    runs: m.runs,
  };
}

/** Shishin and the baseline in alternating halves (A B A B), so the machine's load hits both alike. */
async function measurePair(child: Child, report: Report): Promise<{ shishin: Load; baseline: Load }> {
  const a: Tally = { latencies: [], runs: 0, requests: 0, ms: 0, cpuMicros: 0 };
  const b: Tally = { latencies: [], runs: 0, requests: 0, ms: 0, cpuMicros: 0 };
  for (let round = 0; round < 2; round += 1) {
    await load(child, report.shishin, DURATION / 2, a);
    await load(child, report.baseline, DURATION / 2, b);
  }
  return { shishin: summarise(a), baseline: summarise(b) };
}

async function statementCount(child: Child): Promise<number> {
  return ((await (await fetch(`${child.baseline}/_bench/statements`)).json()) as { statements: number }).statements;
}

/** SQL statements of one run, per HTTP request (the child counts every statement it sends). */
async function statementsPerRequest(child: Child, run: Run): Promise<{ perRequest: number; requests: number }> {
  const before = await statementCount(child);
  const { requests } = await run();
  const after = await statementCount(child);
  return { perRequest: (after - before) / requests, requests };
}

function firstDifference(a: unknown, b: unknown, path = '$'): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const d = firstDifference((a as never)[key], (b as never)[key], `${path}.${key}`);
      if (d) return d;
    }
  }
  return `${path}: Shishin ${JSON.stringify(a)?.slice(0, 300)} ≠ baseline ${JSON.stringify(b)?.slice(0, 300)}`;
}

interface ExportResult {
  rows: number;
  bytes: number;
  seconds: number;
  heapGrowth: number;
  rssGrowth: number;
  samples: number;
  /** Peak heap growth over the idle baseline with a full GC before each sample. */
  liveHeapGrowth?: number;
}

async function exportWithMemory(child: Child, format: 'csv' | 'xlsx', live = false): Promise<ExportResult> {
  await postJson(`${child.baseline}/_bench/memory/start${live ? '?live' : ''}`, {});
  const started = performance.now();
  const response = await fetch(`${child.url}/exports/targets.${format}?fromYear=1989&toYear=2100`);
  if (response.status !== 200) throw new Error(`export ${format}: HTTP ${response.status} ${await response.text()}`);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  const seconds = (performance.now() - started) / 1000;
  const memory = (await postJson(`${child.baseline}/_bench/memory/stop`, {})) as {
    baseline: { heapUsed: number; rss: number };
    peak: { heapUsed: number; rss: number };
    samples: number;
  };
  return {
    rows: Number(response.headers.get('x-export-rows')),
    bytes,
    seconds,
    heapGrowth: memory.peak.heapUsed - memory.baseline.heapUsed,
    rssGrowth: memory.peak.rss - memory.baseline.rss,
    samples: memory.samples,
  };
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1).padStart(6)} MB`;
const msText = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
const load1 = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

interface ScaleResult {
  total: number;
  generated: number;
  reports: {
    name: string;
    shishin: Load;
    baseline: Load;
    statements: { shishin: number; baseline: number; requests: number };
    loadAverage: string;
  }[];
  exports: Record<'csv' | 'xlsx', ExportResult>;
}

export async function reportBench(): Promise<void> {
  console.log(
    `\nReports: 3 example reports through GraphQL over HTTP and a hand-written Prisma baseline in the same child, ${CONNECTIONS} clients, ${DURATION} s per case (halves alternating), load average ${load1()}`,
  );
  const started = performance.now();
  const child = await startChild();
  console.log(
    `database: ${child.databaseKind}; guideline and sample data seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const results: ScaleResult[] = [];
  let failed = false;
  try {
    const { wards } = (await (await fetch(`${child.baseline}/_bench/wards`)).json()) as {
      wards: { id: string; code: string; globalId: string }[];
    };
    const ward = wards.find((w) => w.code === 'nakahara')!;
    for (const perSection of SCALES) {
      const grown = (await postJson(`${child.baseline}/_bench/grow?perSection=${perSection}`, {})) as {
        generated: number;
        total: number;
        seconds: number;
      };
      console.log(
        `\n${grown.generated} generated targets (${grown.total} with the sample data), grown in ${grown.seconds.toFixed(0)} s; load average ${load1()}`,
      );
      const scale: ScaleResult = { total: grown.total, generated: grown.generated, reports: [], exports: {} as never };
      for (const report of PARTS.has('reports') ? reports(child, ward) : []) {
        // Correctness first: both sides must answer the same data.
        const [mine, theirs] = [await report.shishin(), await report.baseline()];
        const difference = firstDifference(mine.data, theirs.data);
        if (difference) {
          console.error(`REPORT ${report.name}: Shishin and the baseline disagree — ${difference}`);
          failed = true;
          continue;
        }
        const shishinStatements = await statementsPerRequest(child, report.shishin);
        const baselineStatements = await statementsPerRequest(child, report.baseline);
        const loadAverage = load1();
        const { shishin, baseline } = await measurePair(child, report);
        scale.reports.push({
          name: report.name,
          shishin,
          baseline,
          statements: {
            shishin: shishinStatements.perRequest,
            baseline: baselineStatements.perRequest,
            requests: shishinStatements.requests,
          },
          loadAverage,
        });
        console.log(
          `${report.name.padEnd(40)} Shishin ${shishin.rps.toFixed(1).padStart(7)}/s p50 ${msText(shishin.p50)} p99 ${msText(shishin.p99)} | baseline ${baseline.rps.toFixed(1).padStart(7)}/s p50 ${msText(baseline.p50)} p99 ${msText(baseline.p99)} | ratio ${(shishin.rps / baseline.rps).toFixed(2)}× | CPU/report ${shishin.cpuMs.toFixed(2)} vs ${baseline.cpuMs.toFixed(2)} ms (${(baseline.cpuMs / shishin.cpuMs).toFixed(2)}×) | ${shishinStatements.requests} request(s), statements/request ${shishinStatements.perRequest} vs ${baselineStatements.perRequest} | load ${loadAverage}`,
        );
      }
      for (const format of PARTS.has('exports') ? (['csv', 'xlsx'] as const) : []) {
        const e = await exportWithMemory(child, format);
        // Again with a full GC before every sample: what stays in use, not garbage yet uncollected.
        const live = await exportWithMemory(child, format, true);
        // (XLSX bytes differ by a few: the zip records when it was written.)
        if (live.rows !== e.rows) throw new Error(`export ${format}: two runs differ`);
        scale.exports[format] = { ...e, liveHeapGrowth: live.heapGrowth };
        console.log(
          `export ${format.padEnd(4)} ${e.rows} rows ${MB(e.bytes)} in ${e.seconds.toFixed(1)} s (${(e.rows / e.seconds).toFixed(0)} rows/s); peak growth heap ${MB(e.heapGrowth)} rss ${MB(e.rssGrowth)} (${e.samples} samples); live heap (GC before each sample) ${MB(live.heapGrowth)} (${live.samples} samples)`,
        );
      }
      results.push(scale);
    }
  } finally {
    await child.stop();
  }
  if (failed) throw new Error('the report bench found Shishin and the baseline disagreeing (see above)');

  // The summary compares two scales (BENCH_REPORT_SCALES with one scale stops here).
  if (results.length < 2) return;
  const [small, full] = results as [ScaleResult, ScaleResult];
  console.log(`\nSummary (${child.databaseKind}; ${small.generated} and ${full.generated} generated targets)`);
  for (const [i, r] of full.reports.entries()) {
    const s = small.reports[i]!;
    console.log(`report ${r.name}`);
    for (const [label, x] of [
      [`${small.generated}`, s],
      [`${full.generated}`, r],
    ] as const) {
      console.log(
        `  ${label.padStart(6)} targets: Shishin p50 ${msText(x.shishin.p50)} p99 ${msText(x.shishin.p99)} ${x.shishin.rps.toFixed(1).padStart(7)} reports/s (${x.shishin.httpRps.toFixed(1)} req/s)` +
          ` | baseline p50 ${msText(x.baseline.p50)} p99 ${msText(x.baseline.p99)} ${x.baseline.rps.toFixed(1).padStart(7)} reports/s` +
          ` | ratio ${(x.shishin.rps / x.baseline.rps).toFixed(2)}× (goal ≥ 0.80×), by CPU ${(x.baseline.cpuMs / x.shishin.cpuMs).toFixed(2)}× (${x.shishin.cpuMs.toFixed(2)} vs ${x.baseline.cpuMs.toFixed(2)} ms) | SQL/request ${x.statements.shishin} vs ${x.statements.baseline}, ${x.statements.requests} request(s) | load ${x.loadAverage}`,
      );
    }
    console.log(
      `  statements per request at ${full.generated} ÷ at ${small.generated}: Shishin ${(r.statements.shishin / s.statements.shishin).toFixed(2)}×, baseline ${(r.statements.baseline / s.statements.baseline).toFixed(2)}× (goal 1.00×)`,
    );
  }
  for (const format of PARTS.has('exports') ? (['csv', 'xlsx'] as const) : []) {
    const [a, b] = [small.exports[format], full.exports[format]];
    console.log(
      `export ${format}: peak heap growth ${MB(a.heapGrowth)} at ${a.rows} rows, ${MB(b.heapGrowth)} at ${b.rows} rows (${(b.heapGrowth / a.heapGrowth).toFixed(2)}×);` +
        ` live heap growth ${MB(a.liveHeapGrowth!)} vs ${MB(b.liveHeapGrowth!)};` +
        ` peak RSS growth ${MB(a.rssGrowth)} vs ${MB(b.rssGrowth)}; ${MB(a.bytes)} vs ${MB(b.bytes)}; ${(a.rows / a.seconds).toFixed(0)} vs ${(b.rows / b.seconds).toFixed(0)} rows/s`,
    );
  }
}

// BENCH_ONLY=fanout (etc.) leaves this part out unless it names `report` too.
const only = process.env.BENCH_ONLY?.split(',');
if (import.meta.url === `file://${process.argv[1]}` && (!only || only.includes('report'))) await reportBench();
