// Seeds the database: the guideline as the user's document states it (always), and clearly
// marked sample data (with `sample: true`). Idempotent: every row is found again on the next run
// by its unique key (a code, an email, a (ward, code) pair…) or, for rows without one, by a
// deterministic id (ids.ts), so a second run inserts nothing. Rows that exist are left as they
// are (the application may have moved a target on, or superseded a version), except that the
// verbatim text of the guideline is brought back to the document's wording if it differs.
// Everything runs in one transaction, with createMany for the bulk of the rows: the seed runs on
// every first start and in many tests, on PostgreSQL and on the slower PGlite.
import type { Prisma, PrismaClient } from '../generated/client/client.ts';
import {
  CURRENT_GUIDELINE_CODE,
  GUIDELINE_SECTIONS,
  GUIDELINE_VERSIONS,
  HISTORY_EVENTS,
  PRINCIPLES,
} from './guideline.ts';
import { stableId } from './ids.ts';
import { COMMITTEES, WARDS } from './organisation.ts';
import { SAMPLE_ACCOUNTS, SAMPLE_POLICIES, SAMPLE_SECTIONS, type SampleMembershipSeed } from './sample.ts';
import { SAMPLE_STANDARDS } from './standards.ts';
import { SAMPLE_COMMENTS, SAMPLE_TARGETS } from './targets.ts';

export * from './guideline.ts';
export * from './organisation.ts';
export * from './sample.ts';
export * from './standards.ts';
export * from './targets.ts';
export { stableId } from './ids.ts';

export interface SeedOptions {
  /** Load the sample sections, standards, accounts, policies and targets as well. */
  sample: boolean;
  log?: ((message: string) => void) | undefined;
  /** The api's password KDF; required with `sample: true` (sample accounts get samplePassword). */
  hashPassword?: ((plain: string) => Promise<string>) | undefined;
  /** The development password of every sample account; required with `sample: true`. */
  samplePassword?: string | undefined;
}

/** Models the guideline itself fills (always seeded). */
export const GUIDELINE_MODELS = [
  'guidelineVersion',
  'guidelineSection',
  'principle',
  'historyEvent',
  'ward',
  'committee',
] as const;

/** Models only sample data fills. */
export const SAMPLE_MODELS = [
  'section',
  'standard',
  'standardRevision',
  'standardPrinciple',
  'user',
  'membership',
  'improvementPolicy',
  'improvementTarget',
  'targetStandard',
  'targetPrinciple',
  'targetRevision',
  'targetResult',
  'reviewRound',
  'review',
  'comment',
] as const;

export type SeedModel = (typeof GUIDELINE_MODELS)[number] | (typeof SAMPLE_MODELS)[number];

export interface SeedReport {
  sample: boolean;
  /** Seeded rows present after the run, per model (the same after a second run). */
  counts: Record<SeedModel, number>;
  /** Rows this run inserted, per model (all zero on a second run). */
  created: Record<SeedModel, number>;
  /** Guideline rows whose verbatim text this run brought back to the document's wording. */
  updated: number;
  /** Sample rows present after the run: the sum of `counts` over SAMPLE_MODELS (0 without sample data). */
  sampleRows: number;
  /** Rows this run inserted, over all models. */
  createdRows: number;
  durationMs: number;
}

type Tx = Prisma.TransactionClient;

/** Serialises concurrent seeds of one database (e.g. two processes starting at once). */
const SEED_LOCK = 0x5348_4953_4845_4544n;

export async function seed(prisma: PrismaClient, options: SeedOptions): Promise<SeedReport> {
  const { sample, hashPassword, samplePassword } = options;
  if (sample && (!hashPassword || samplePassword === undefined)) {
    throw new Error('seed: sample data needs hashPassword and samplePassword');
  }
  const started = performance.now();
  const report = emptyReport(sample);
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      const guideline = await seedGuideline(tx, report);
      const organisation = await seedOrganisation(tx, report);
      if (sample) {
        await seedSample(tx, report, guideline, organisation, () => hashPassword!(samplePassword!));
      }
    },
    { maxWait: 60_000, timeout: 600_000 },
  );
  report.sampleRows = SAMPLE_MODELS.reduce((sum, model) => sum + report.counts[model], 0);
  report.createdRows = Object.values(report.created).reduce((sum, n) => sum + n, 0);
  report.durationMs = Math.round(performance.now() - started);
  options.log?.(
    report.createdRows === 0
      ? `seed: nothing to do, the guideline${sample ? ' and sample data are' : ' is'} already loaded (${report.durationMs} ms)`
      : `seed: ${report.createdRows} rows inserted${sample ? `, ${report.sampleRows} of the rows present are sample data` : ''} (${report.durationMs} ms)`,
  );
  return report;
}

function emptyReport(sample: boolean): SeedReport {
  const zeros = () =>
    Object.fromEntries([...GUIDELINE_MODELS, ...SAMPLE_MODELS].map((m) => [m, 0])) as Record<SeedModel, number>;
  return { sample, counts: zeros(), created: zeros(), updated: 0, sampleRows: 0, createdRows: 0, durationMs: 0 };
}

// ───────────────────────────── helpers ─────────────────────────────

/** A calendar date (a @db.Date column). */
const day = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
/** The first instant of a date in Japan. */
const jstDay = (ymd: string) => new Date(`${ymd}T00:00:00+09:00`);
const at = (iso: string) => new Date(iso);
const atOrNull = (iso: string | null) => (iso === null ? null : new Date(iso));

/** The fields of `desired` whose value differs from `row`, or null when none does. */
function changes<T extends Record<string, unknown>>(row: T, desired: Partial<T>): Partial<T> | null {
  const out: Partial<T> = {};
  let any = false;
  for (const key of Object.keys(desired) as (keyof T)[]) {
    if (row[key] !== desired[key]) {
      out[key] = desired[key];
      any = true;
    }
  }
  return any ? out : null;
}

function lookup<V>(map: ReadonlyMap<string, V>, key: string, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`seed: no ${what} ${JSON.stringify(key)}`);
  return value;
}

// ───────────────────────────── the guideline ─────────────────────────────

interface GuidelineIds {
  versionId: string;
  /** Principle id by key, in the current version. */
  principles: Map<string, string>;
}

async function seedGuideline(tx: Tx, report: SeedReport): Promise<GuidelineIds> {
  // Versions, the superseded one first so that the current one can point at it.
  const existing = await tx.guidelineVersion.findMany({
    where: { code: { in: GUIDELINE_VERSIONS.map((v) => v.code) } },
    select: {
      id: true,
      code: true,
      title: true,
      titleEn: true,
      summary: true,
      summaryEn: true,
      aim: true,
      aimEn: true,
      philosophy: true,
      philosophyEn: true,
    },
  });
  const versionIds = new Map<string, string>();
  for (const [index, v] of GUIDELINE_VERSIONS.entries()) {
    const text = {
      title: v.title,
      titleEn: v.titleEn,
      summary: v.summary,
      summaryEn: v.summaryEn,
      aim: v.aim,
      aimEn: v.aimEn,
      philosophy: v.philosophy,
      philosophyEn: v.philosophyEn,
    };
    const row = existing.find((r) => r.code === v.code);
    if (row) {
      versionIds.set(v.code, row.id);
      const diff = changes(row, text);
      if (diff) {
        await tx.guidelineVersion.update({ where: { id: row.id }, data: diff });
        report.updated += 1;
      }
      continue;
    }
    const created = await tx.guidelineVersion.create({
      data: {
        id: stableId(`guideline:${v.code}`, index),
        code: v.code,
        ...text,
        status: v.status,
        revisedOn: day(v.revisedOn),
        effectiveFiscalYear: v.effectiveFiscalYear,
        publishedAt: jstDay(v.revisedOn),
        supersedesId: v.supersedes === null ? null : lookup(versionIds, v.supersedes, 'guideline version'),
      },
      select: { id: true },
    });
    versionIds.set(v.code, created.id);
    report.created.guidelineVersion += 1;
  }
  report.counts.guidelineVersion = GUIDELINE_VERSIONS.length;
  const versionId = lookup(versionIds, CURRENT_GUIDELINE_CODE, 'guideline version');

  // Sections and principles of the current version, and the history.
  const sections = await tx.guidelineSection.findMany({
    where: { versionId },
    select: {
      id: true,
      number: true,
      kind: true,
      title: true,
      titleEn: true,
      body: true,
      bodyEn: true,
      rationale: true,
      rationaleEn: true,
    },
  });
  const principles = await tx.principle.findMany({
    where: { versionId },
    select: { id: true, key: true, name: true, nameEn: true, text: true, textEn: true },
  });
  const history = await tx.historyEvent.findMany({
    where: { position: { in: HISTORY_EVENTS.map((e) => e.position) } },
    select: {
      id: true,
      position: true,
      occurredOn: true,
      eraLabel: true,
      category: true,
      categoryEn: true,
      title: true,
      titleEn: true,
    },
  });

  const newSections: Prisma.GuidelineSectionCreateManyInput[] = [];
  for (const s of GUIDELINE_SECTIONS) {
    const text = {
      kind: s.kind,
      title: s.title,
      titleEn: s.titleEn,
      body: s.body,
      bodyEn: s.bodyEn,
      rationale: s.rationale,
      rationaleEn: s.rationaleEn,
    };
    const row = sections.find((r) => r.number === s.number);
    if (!row) {
      newSections.push({
        id: stableId(`guideline-section:${CURRENT_GUIDELINE_CODE}:${s.number}`, s.number),
        versionId,
        number: s.number,
        ...text,
      });
      continue;
    }
    const diff = changes(row, text);
    if (diff) {
      await tx.guidelineSection.update({ where: { id: row.id }, data: diff });
      report.updated += 1;
    }
  }
  if (newSections.length > 0) {
    report.created.guidelineSection += (await tx.guidelineSection.createMany({ data: newSections })).count;
  }
  report.counts.guidelineSection = GUIDELINE_SECTIONS.length;

  const principleIds = new Map(principles.map((p) => [p.key, p.id]));
  const newPrinciples: Prisma.PrincipleCreateManyInput[] = [];
  for (const p of PRINCIPLES) {
    const text = { name: p.name, nameEn: p.nameEn, text: p.text, textEn: p.textEn };
    const row = principles.find((r) => r.key === p.key);
    if (!row) {
      const id = stableId(`principle:${CURRENT_GUIDELINE_CODE}:${p.key}`, p.position);
      newPrinciples.push({ id, versionId, key: p.key, position: p.position, origin: 'SEED', ...text });
      principleIds.set(p.key, id);
      continue;
    }
    const diff = changes(row, text);
    if (diff) {
      await tx.principle.update({ where: { id: row.id }, data: diff });
      report.updated += 1;
    }
  }
  if (newPrinciples.length > 0) {
    report.created.principle += (await tx.principle.createMany({ data: newPrinciples })).count;
  }
  report.counts.principle = PRINCIPLES.length;

  const newEvents: Prisma.HistoryEventCreateManyInput[] = [];
  for (const e of HISTORY_EVENTS) {
    const text = {
      eraLabel: e.eraLabel,
      category: e.category,
      categoryEn: e.categoryEn,
      title: e.title,
      titleEn: e.titleEn,
    };
    const row = history.find((r) => r.position === e.position);
    if (!row) {
      newEvents.push({
        id: stableId(`history:${e.position}`, e.position),
        position: e.position,
        occurredOn: day(e.occurredOn),
        ...text,
      });
      continue;
    }
    const diff = changes(row, text);
    if (diff || row.occurredOn.getTime() !== day(e.occurredOn).getTime()) {
      await tx.historyEvent.update({ where: { id: row.id }, data: { ...diff, occurredOn: day(e.occurredOn) } });
      report.updated += 1;
    }
  }
  if (newEvents.length > 0) {
    report.created.historyEvent += (await tx.historyEvent.createMany({ data: newEvents })).count;
  }
  report.counts.historyEvent = HISTORY_EVENTS.length;

  return { versionId, principles: principleIds };
}

// ───────────────────────────── organisation ─────────────────────────────

interface OrganisationIds {
  /** Ward id by code. */
  wards: Map<string, string>;
  /** Committee id by `${kind}/${wardCode ?? ''}`. */
  committees: Map<string, string>;
}

const committeeKey = (kind: string, wardCode: string | null) => `${kind}/${wardCode ?? ''}`;

async function seedOrganisation(tx: Tx, report: SeedReport): Promise<OrganisationIds> {
  const existingWards = await tx.ward.findMany({
    where: { code: { in: WARDS.map((w) => w.code) } },
    select: { id: true, code: true },
  });
  const wards = new Map(existingWards.map((w) => [w.code, w.id]));
  const newWards = WARDS.filter((w) => !wards.has(w.code)).map((w) => ({
    id: stableId(`ward:${w.code}`, w.position),
    ...w,
  }));
  if (newWards.length > 0) {
    report.created.ward += (await tx.ward.createMany({ data: newWards })).count;
    for (const w of newWards) wards.set(w.code, w.id);
  }
  report.counts.ward = WARDS.length;

  const wardCodeById = new Map([...wards].map(([code, id]) => [id, code]));
  const existingCommittees = await tx.committee.findMany({
    where: { kind: { in: [...new Set(COMMITTEES.map((c) => c.kind))] } },
    select: { id: true, kind: true, wardId: true },
    orderBy: { id: 'asc' },
  });
  const committees = new Map<string, string>();
  for (const c of existingCommittees) {
    const wardCode = c.wardId === null ? null : (wardCodeById.get(c.wardId) ?? `?${c.wardId}`);
    const key = committeeKey(c.kind, wardCode);
    if (!committees.has(key)) committees.set(key, c.id);
  }
  const newCommittees: Prisma.CommitteeCreateManyInput[] = [];
  for (const [index, c] of COMMITTEES.entries()) {
    const key = committeeKey(c.kind, c.wardCode);
    if (committees.has(key)) continue;
    const id = stableId(`committee:${key}`, index);
    newCommittees.push({
      id,
      kind: c.kind,
      wardId: c.wardCode === null ? null : lookup(wards, c.wardCode, 'ward'),
      name: c.name,
      nameEn: c.nameEn,
      description: c.description,
      descriptionEn: c.descriptionEn,
    });
    committees.set(key, id);
  }
  if (newCommittees.length > 0) {
    report.created.committee += (await tx.committee.createMany({ data: newCommittees })).count;
  }
  report.counts.committee = COMMITTEES.length;

  return { wards, committees };
}

// ───────────────────────────── sample data ─────────────────────────────

async function seedSample(
  tx: Tx,
  report: SeedReport,
  guideline: GuidelineIds,
  organisation: OrganisationIds,
  samplePasswordHash: () => Promise<string>,
): Promise<void> {
  const wardId = (code: string) => lookup(organisation.wards, code, 'ward');
  const principleId = (key: string) => lookup(guideline.principles, key, 'principle');

  const existingSections = await tx.section.findMany({
    where: {
      wardId: { in: [...organisation.wards.values()] },
      code: { in: [...new Set(SAMPLE_SECTIONS.map((s) => s.code))] },
    },
    select: { id: true, wardId: true, code: true },
  });
  const existingUsers = await tx.user.findMany({
    where: { email: { in: SAMPLE_ACCOUNTS.map((a) => a.email) } },
    select: { id: true, email: true, isSample: true },
  });

  // ── sections
  const sectionKey = (ward: string, code: string) => `${ward}/${code}`;
  const wardCodeById = new Map([...organisation.wards].map(([code, id]) => [id, code]));
  const sections = new Map(existingSections.map((s) => [sectionKey(wardCodeById.get(s.wardId) ?? '', s.code), s.id]));
  const newSections: Prisma.SectionCreateManyInput[] = [];
  for (const [index, s] of SAMPLE_SECTIONS.entries()) {
    const key = sectionKey(s.ward, s.code);
    if (sections.has(key)) continue;
    const id = stableId(`section:${key}`, index);
    newSections.push({
      id,
      wardId: wardId(s.ward),
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      kind: s.kind,
      operatingBureau: s.operatingBureau,
      position: s.position,
      isSample: true,
    });
    sections.set(key, id);
  }
  if (newSections.length > 0) report.created.section += (await tx.section.createMany({ data: newSections })).count;
  report.counts.section = SAMPLE_SECTIONS.length;
  const sectionId = (ward: string, code: string) => lookup(sections, sectionKey(ward, code), 'section');

  // ── users: one password hash (the KDF is slow on purpose) shared by the new sample accounts
  const users = new Map(existingUsers.map((u) => [u.email, u.id]));
  // Memberships are only added to sample accounts, never to a real account that has the same email.
  const sampleUserIds = new Set(existingUsers.filter((u) => u.isSample).map((u) => u.id));
  const missingAccounts = SAMPLE_ACCOUNTS.filter((a) => !users.has(a.email));
  if (missingAccounts.length > 0) {
    const passwordHash = await samplePasswordHash();
    const data = missingAccounts.map((a) => ({
      id: stableId(`user:${a.email}`, SAMPLE_ACCOUNTS.indexOf(a)),
      email: a.email,
      displayName: a.displayName,
      passwordHash,
      isSample: true,
    }));
    report.created.user += (await tx.user.createMany({ data })).count;
    for (const u of data) {
      users.set(u.email, u.id);
      sampleUserIds.add(u.id);
    }
  }
  report.counts.user = SAMPLE_ACCOUNTS.length;
  const userId = (email: string) => lookup(users, email, 'sample account');
  const userIdOrNull = (email: string | null) => (email === null ? null : userId(email));

  // ── memberships
  const scopeOf = (m: SampleMembershipSeed) => {
    switch (m.scope) {
      case 'city':
        return { wardId: null, sectionId: null, committeeId: null };
      case 'ward':
        return { wardId: wardId(m.ward), sectionId: null, committeeId: null };
      case 'section':
        return { wardId: null, sectionId: sectionId(m.ward, m.section), committeeId: null };
      case 'committee': {
        const key = committeeKey(m.committee, 'ward' in m ? m.ward : null);
        return { wardId: null, sectionId: null, committeeId: lookup(organisation.committees, key, 'committee') };
      }
    }
  };
  const membershipKey = (m: {
    userId: string;
    role: string;
    wardId: string | null;
    sectionId: string | null;
    committeeId: string | null;
  }) => [m.userId, m.role, m.wardId ?? '', m.sectionId ?? '', m.committeeId ?? ''].join('/');
  const wanted = SAMPLE_ACCOUNTS.flatMap((a) =>
    a.memberships.map((m) => ({ userId: userId(a.email), role: m.role, ...scopeOf(m) })),
  ).filter((m) => sampleUserIds.has(m.userId));
  const existingMemberships = new Set(
    (
      await tx.membership.findMany({
        where: { userId: { in: [...sampleUserIds] } },
        select: { userId: true, role: true, wardId: true, sectionId: true, committeeId: true },
      })
    ).map(membershipKey),
  );
  const newMemberships = wanted
    .map((m, index) => ({ id: stableId(`membership:${membershipKey(m)}`, index), ...m }))
    .filter((m) => !existingMemberships.has(membershipKey(m)));
  if (newMemberships.length > 0) {
    report.created.membership += (await tx.membership.createMany({ data: newMemberships })).count;
  }
  report.counts.membership = wanted.length;

  // ── improvement policies (one per ward and fiscal year)
  const policyKey = (ward: string, fiscalYear: number) => `${ward}/${fiscalYear}`;
  const existingPolicies = await tx.improvementPolicy.findMany({
    where: { OR: SAMPLE_POLICIES.map((p) => ({ wardId: wardId(p.ward), fiscalYear: p.fiscalYear })) },
    select: { id: true, wardId: true, fiscalYear: true },
  });
  const policies = new Map(
    existingPolicies.map((p) => [policyKey(wardCodeById.get(p.wardId) ?? '', p.fiscalYear), p.id]),
  );
  const newPolicies: Prisma.ImprovementPolicyCreateManyInput[] = [];
  for (const [index, p] of SAMPLE_POLICIES.entries()) {
    const key = policyKey(p.ward, p.fiscalYear);
    if (policies.has(key)) continue;
    const id = stableId(`policy:${key}`, index);
    newPolicies.push({
      id,
      wardId: wardId(p.ward),
      fiscalYear: p.fiscalYear,
      status: p.status,
      title: p.title,
      body: p.body,
      authorId: userId(p.author),
      isSample: true,
      publishedAt: atOrNull(p.publishedAt),
      createdAt: at(p.publishedAt ?? `${p.fiscalYear}-04-01T09:00:00+09:00`),
    });
    policies.set(key, id);
  }
  if (newPolicies.length > 0) {
    report.created.improvementPolicy += (await tx.improvementPolicy.createMany({ data: newPolicies })).count;
  }
  report.counts.improvementPolicy = SAMPLE_POLICIES.length;

  // ── improvement targets: deterministic ids; carried-over ones after the targets they continue
  const targetIds = new Map(SAMPLE_TARGETS.map((t, index) => [t.key, stableId(`target:${t.key}`, index)]));
  const targetId = (key: string) => lookup(targetIds, key, 'sample target');
  const targetRows = SAMPLE_TARGETS.map((t) => {
    const createdAt = at(
      t.submittedAt ?? `${t.fiscalYear === 2026 ? '2026-11-05' : `${t.fiscalYear}-05-01`}T10:00:00+09:00`,
    );
    return {
      id: targetId(t.key),
      sectionId: sectionId(t.ward, t.section),
      fiscalYear: t.fiscalYear,
      policyId: policies.get(policyKey(t.ward, t.fiscalYear)) ?? null,
      state: t.state,
      title: t.title,
      description: t.description,
      indicatorName: t.indicatorName,
      unit: t.unit,
      baselineValue: t.baselineValue,
      targetValue: t.targetValue,
      milestone: t.milestone,
      dueDate: t.dueDate === null ? null : day(t.dueDate),
      carriedOverFromId: t.carriedOverFrom === null ? null : targetId(t.carriedOverFrom),
      origin: 'DIRECT' as const,
      createdById: userIdOrNull(t.createdBy),
      isSample: true,
      submittedAt: atOrNull(t.submittedAt),
      approvedAt: atOrNull(t.approvedAt),
      publishedAt: atOrNull(t.publishedAt),
      createdAt,
    } satisfies Prisma.ImprovementTargetCreateManyInput;
  });
  for (const batch of [
    targetRows.filter((t) => t.carriedOverFromId === null),
    targetRows.filter((t) => t.carriedOverFromId !== null),
  ]) {
    if (batch.length === 0) continue;
    // skipDuplicates: a target seeded before, or one whose predecessor the application has
    // meanwhile carried over into another target, is left alone.
    report.created.improvementTarget += (
      await tx.improvementTarget.createMany({ data: batch, skipDuplicates: true })
    ).count;
  }
  const present = new Set(
    (await tx.improvementTarget.findMany({ where: { id: { in: [...targetIds.values()] } }, select: { id: true } })).map(
      (t) => t.id,
    ),
  );
  const targets = SAMPLE_TARGETS.filter((t) => present.has(targetId(t.key)));
  const rowOf = new Map(targetRows.map((r) => [r.id, r]));
  report.counts.improvementTarget = targets.length;

  // ── standards, after the targets: S-08 points at the ward target it was adopted from
  const existingStandards = await tx.standard.findMany({
    where: { code: { in: SAMPLE_STANDARDS.map((s) => s.code) } },
    select: { id: true, code: true, isSample: true },
  });
  const standards = new Map(existingStandards.map((s) => [s.code, s.id]));
  // Revisions and links are only added to sample standards, never to a real one with the same code.
  const sampleStandardIds = new Set(existingStandards.filter((s) => s.isSample).map((s) => s.id));
  const newStandards: Prisma.StandardCreateManyInput[] = [];
  for (const [index, s] of SAMPLE_STANDARDS.entries()) {
    if (standards.has(s.code)) continue;
    const id = stableId(`standard:${s.code}`, index);
    const originTargetId = s.origin === null ? null : targetId(s.origin.targetKey);
    newStandards.push({
      id,
      code: s.code,
      category: s.category,
      introducedFiscalYear: s.introducedFiscalYear,
      isSample: true,
      originWardId: s.origin === null ? null : wardId(s.origin.ward),
      originTargetId: originTargetId !== null && present.has(originTargetId) ? originTargetId : null,
      createdAt: at(s.revisions[0]?.publishedAt ?? `${s.introducedFiscalYear}-04-01T09:00:00+09:00`),
    });
    standards.set(s.code, id);
    sampleStandardIds.add(id);
  }
  if (newStandards.length > 0) report.created.standard += (await tx.standard.createMany({ data: newStandards })).count;
  report.counts.standard = SAMPLE_STANDARDS.length;
  const standardId = (code: string) => lookup(standards, code, 'standard');
  const ownStandards = SAMPLE_STANDARDS.filter((s) => sampleStandardIds.has(standardId(s.code)));

  const revisions = ownStandards.flatMap((s) =>
    s.revisions.map((r, index) => ({
      id: stableId(`standard-revision:${s.code}:${r.fiscalYear}`, index),
      standardId: standardId(s.code),
      fiscalYear: r.fiscalYear,
      status: 'PUBLISHED' as const,
      title: r.title,
      titleEn: r.titleEn,
      minimumLevel: r.minimumLevel,
      minimumLevelEn: r.minimumLevelEn,
      aspirationalLevel: r.aspirationalLevel,
      aspirationalLevelEn: r.aspirationalLevelEn,
      indicatorName: r.indicator?.name ?? null,
      indicatorNameEn: r.indicator?.nameEn ?? null,
      unit: r.indicator?.unit ?? null,
      minimumValue: r.indicator?.minimumValue ?? null,
      aspirationalValue: r.indicator?.aspirationalValue ?? null,
      direction: r.indicator?.direction ?? null,
      changeNote: r.changeNote,
      publishedAt: at(r.publishedAt),
      createdAt: at(r.publishedAt),
    })),
  );
  const standardPrinciples = ownStandards.flatMap((s) =>
    s.principles.map((key) => ({ standardId: standardId(s.code), principleId: principleId(key) })),
  );

  // ── the targets' own rows
  const targetStandards = targets.flatMap((t) =>
    t.standards.map((code) => ({ targetId: targetId(t.key), standardId: standardId(code) })),
  );
  const targetPrinciples = targets.flatMap((t) =>
    t.principles.map((key) => ({ targetId: targetId(t.key), principleId: principleId(key) })),
  );
  const targetRevisions = targets.map((t, index) => ({
    id: stableId(`target-revision:${t.key}:1`, index),
    targetId: targetId(t.key),
    number: 1,
    // The shape the api writes on every edit (target.service.ts).
    content: {
      title: t.title,
      description: t.description,
      indicatorName: t.indicatorName,
      unit: t.unit,
      baselineValue: t.baselineValue === null ? null : String(t.baselineValue),
      targetValue: t.targetValue === null ? null : String(t.targetValue),
      milestone: t.milestone,
      dueDate: t.dueDate,
    },
    authorId: userIdOrNull(t.createdBy),
    createdAt: lookup(rowOf, targetId(t.key), 'target row').createdAt,
  }));
  const targetResults = targets.flatMap((t, index) =>
    t.result === null
      ? []
      : [
          {
            id: stableId(`target-result:${t.key}`, index),
            targetId: targetId(t.key),
            state: t.result.state,
            actualValue: t.result.actualValue,
            achievementLevel: t.result.achievementLevel,
            evidence: t.result.evidence,
            lateReason: t.result.lateReason,
            reportedById: userIdOrNull(t.result.reportedBy),
            reportedAt: at(t.result.reportedAt),
            confirmedById: userIdOrNull(t.result.confirmedBy),
            confirmedAt: atOrNull(t.result.confirmedAt),
            publishedAt: atOrNull(t.result.publishedAt),
          },
        ],
  );
  // Review round 1 of every target that has been submitted: open while in review.
  const reviewed = targets.filter((t) => t.submittedAt !== null);
  const rounds = reviewed.map((t, index) => {
    const submitted = at(t.submittedAt!);
    const lastDecision = t.reviews.filter((r) => r.decision !== 'COMMENT').at(-1);
    const open = t.state === 'IN_REVIEW';
    return {
      id: stableId(`review-round:${t.key}:1`, index),
      targetId: targetId(t.key),
      number: 1,
      status: open ? ('OPEN' as const) : ('CLOSED' as const),
      dueDate: day(new Date(submitted.getTime() + 14 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10)),
      openedAt: submitted,
      closedAt: open ? null : at(lastDecision?.at ?? t.approvedAt ?? t.submittedAt!),
    };
  });

  // Sequential: the statements of one transaction share one connection anyway.
  const insert = async (model: SeedModel, rows: readonly unknown[], create: () => Promise<{ count: number }>) => {
    report.counts[model] = rows.length;
    if (rows.length > 0) report.created[model] += (await create()).count;
  };
  await insert('standardRevision', revisions, () =>
    tx.standardRevision.createMany({ data: revisions, skipDuplicates: true }),
  );
  await insert('standardPrinciple', standardPrinciples, () =>
    tx.standardPrinciple.createMany({ data: standardPrinciples, skipDuplicates: true }),
  );
  await insert('targetStandard', targetStandards, () =>
    tx.targetStandard.createMany({ data: targetStandards, skipDuplicates: true }),
  );
  await insert('targetPrinciple', targetPrinciples, () =>
    tx.targetPrinciple.createMany({ data: targetPrinciples, skipDuplicates: true }),
  );
  await insert('targetRevision', targetRevisions, () =>
    tx.targetRevision.createMany({ data: targetRevisions, skipDuplicates: true }),
  );
  await insert('targetResult', targetResults, () =>
    tx.targetResult.createMany({ data: targetResults, skipDuplicates: true }),
  );
  await insert('reviewRound', rounds, () => tx.reviewRound.createMany({ data: rounds, skipDuplicates: true }));

  // ── reviews (by round 1, whatever its id) and comment threads
  const roundIds = new Map(
    (
      await tx.reviewRound.findMany({
        where: { targetId: { in: reviewed.map((t) => targetId(t.key)) }, number: 1 },
        select: { id: true, targetId: true },
      })
    ).map((r) => [r.targetId, r.id]),
  );
  const reviews = reviewed.flatMap((t) =>
    t.reviews.map((r, index) => ({
      id: stableId(`review:${t.key}:1:${r.reviewer}`, index),
      roundId: lookup(roundIds, targetId(t.key), 'review round'),
      reviewerId: userId(r.reviewer),
      decision: r.decision,
      body: r.body,
      createdAt: at(r.at),
    })),
  );
  const commentIds = new Map(SAMPLE_COMMENTS.map((c, index) => [c.key, stableId(`comment:${c.key}`, index)]));
  const presentKeys = new Set(targets.map((t) => t.key));
  const comments = SAMPLE_COMMENTS.filter((c) => presentKeys.has(c.targetKey)).map((c) => ({
    id: lookup(commentIds, c.key, 'comment'),
    authorId: userId(c.author),
    parentId: c.replyTo === null ? null : lookup(commentIds, c.replyTo, 'comment'),
    targetId: targetId(c.targetKey),
    body: c.body,
    quote: c.quote,
    createdAt: at(c.at),
  }));
  await insert('review', reviews, () => tx.review.createMany({ data: reviews, skipDuplicates: true }));
  // Threads before their replies (a reply points at its parent).
  const threads = comments.filter((c) => c.parentId === null);
  const replies = comments.filter((c) => c.parentId !== null);
  report.counts.comment = comments.length;
  if (threads.length > 0)
    report.created.comment += (await tx.comment.createMany({ data: threads, skipDuplicates: true })).count;
  if (replies.length > 0)
    report.created.comment += (await tx.comment.createMany({ data: replies, skipDuplicates: true })).count;
}
