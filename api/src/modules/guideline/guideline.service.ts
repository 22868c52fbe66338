// Writes to guideline versions (区役所サービス向上指針): drafting a new version from the one in
// force, editing it, putting it out for public comment and publishing it. Every write runs
// in one transaction with its audit record; only the policy department (POLICY_ADMIN) writes.
import type { GuidelineStatus, Prisma } from '@shishin/prisma';
import { auditSnapshot, recordAudit } from '../../audit.ts';
import type { Context } from '../../context.ts';
import { AppError, messages, type LocalizedMessage } from '../../errors.ts';
import type { Topics } from '../../pubsub.ts';
import { fiscalPhaseOf, fiscalYearOf } from '../fiscal-year/fiscal-year.ts';
import { EDITABLE_TARGET_STATES } from '../target/target.policy.ts';
import { targetRevisionContent } from '../target/target.service.ts';
import {
  canManageGuideline,
  canReadGuidelineVersion,
  commentPeriodState,
  isGuidelinePublishable,
  isGuidelineTextEditable,
} from './guideline.policy.ts';

type Tx = Prisma.TransactionClient;

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** A date-time as people in Japan read it, for messages (e.g. 2026-12-01 09:00 JST). */
export function formatJst(instant: Date): string {
  return `${new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')} JST`;
}

function stateError(status: GuidelineStatus, text: LocalizedMessage, details: Record<string, unknown> = {}): AppError {
  return new AppError('INVALID_STATE', text, { state: status, ...details });
}

const notEditable = (status: GuidelineStatus) =>
  stateError(status, {
    ja: `この版（状態: ${status}）は編集できません。編集できるのは案の段階か、意見募集の期間が終わった後です。`,
    en: `This version (${status}) cannot be edited now: only drafts, or versions whose comment period has closed.`,
  });

/** Loads a version the viewer may manage: NOT_FOUND when they may not read it, FORBIDDEN when they may not write. */
async function manageableVersion(tx: Tx, ctx: Context, versionId: string) {
  const version = await tx.guidelineVersion.findUnique({ where: { id: versionId } });
  if (!version || !canReadGuidelineVersion(ctx.viewer, version)) throw new AppError('NOT_FOUND', messages.notFound);
  if (!canManageGuideline(ctx.viewer)) throw new AppError('FORBIDDEN', messages.forbidden);
  return version;
}

/** After the commit only: subscribers re-read the version with their own permissions. */
function announce(ctx: Context, versionId: string, change: Topics['guidelineVersionChanged']['change']): void {
  ctx.pubsub.publish('guidelineVersionChanged', { versionId, change });
}

function requireManager(ctx: Context): void {
  if (!canManageGuideline(ctx.viewer)) throw new AppError('FORBIDDEN', messages.forbidden);
}

export async function createGuidelineDraft(
  ctx: Context,
  input: { code: string; title: string; titleEn: string },
): Promise<{ id: string }> {
  requireManager(ctx);
  const done = await ctx.db.$transaction(async (tx) => {
    const taken = await tx.guidelineVersion.findUnique({ where: { code: input.code }, select: { id: true } });
    if (taken) {
      throw new AppError('CONFLICT', {
        ja: `版のコード「${input.code}」は既に使われています。`,
        en: `The version code “${input.code}” is already in use.`,
      });
    }
    // The draft starts as a copy of the version in force: the revision working group edits
    // from the current text, and principle keys stay the same so principles can be followed
    // from one version to the next.
    const current = await tx.guidelineVersion.findFirst({
      where: { status: 'PUBLISHED' },
      orderBy: [{ revisedOn: 'desc' }, { id: 'desc' }],
      include: { sections: { orderBy: { number: 'asc' } }, principles: { orderBy: { position: 'asc' } } },
    });
    const draft = await tx.guidelineVersion.create({
      data: {
        code: input.code,
        title: input.title,
        titleEn: input.titleEn,
        status: 'DRAFT',
        aim: current?.aim ?? '',
        aimEn: current?.aimEn ?? '',
        philosophy: current?.philosophy ?? '',
        philosophyEn: current?.philosophyEn ?? '',
        sections: {
          create: (current?.sections ?? []).map((s) => ({
            number: s.number,
            kind: s.kind,
            title: s.title,
            titleEn: s.titleEn,
            body: s.body,
            bodyEn: s.bodyEn,
            rationale: s.rationale,
            rationaleEn: s.rationaleEn,
          })),
        },
        principles: {
          create: (current?.principles ?? []).map((p) => ({
            key: p.key,
            position: p.position,
            name: p.name,
            nameEn: p.nameEn,
            text: p.text,
            textEn: p.textEn,
            origin: p.origin,
            originBoardId: p.originBoardId,
            originNoteIds: p.originNoteIds,
          })),
        },
      },
    });
    await recordAudit(tx, ctx, {
      action: 'guideline.create_draft',
      subjectType: 'GuidelineVersion',
      subjectId: draft.id,
      after: auditSnapshot({ ...draft, copiedFrom: current?.code ?? null }),
    });
    return { id: draft.id };
  });
  announce(ctx, done.id, 'CREATED');
  return done;
}

export interface GuidelineTextChanges {
  title?: string;
  titleEn?: string;
  summary?: string;
  summaryEn?: string;
  aim?: string;
  aimEn?: string;
  philosophy?: string;
  philosophyEn?: string;
  effectiveFiscalYear?: number;
}

export async function updateGuidelineDraft(
  ctx: Context,
  input: { versionId: string; changes: GuidelineTextChanges },
): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    const version = await manageableVersion(tx, ctx, input.versionId);
    if (!isGuidelineTextEditable(version, ctx.now())) throw notEditable(version.status);
    const after = await tx.guidelineVersion.update({ where: { id: version.id }, data: input.changes });
    await recordAudit(tx, ctx, {
      action: 'guideline.update_draft',
      subjectType: 'GuidelineVersion',
      subjectId: version.id,
      before: auditSnapshot(pick(version, Object.keys(input.changes))),
      after: auditSnapshot(pick(after, Object.keys(input.changes))),
    });
    return { id: version.id };
  });
  announce(ctx, done.id, 'EDITED');
  return done;
}

export interface GuidelineSectionChanges {
  title?: string;
  titleEn?: string;
  body?: string;
  bodyEn?: string;
  rationale?: string;
  rationaleEn?: string;
}

export async function updateGuidelineSection(
  ctx: Context,
  input: { sectionId: string; changes: GuidelineSectionChanges },
): Promise<{ id: string; versionId: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    const section = await tx.guidelineSection.findUnique({ where: { id: input.sectionId } });
    if (!section) throw new AppError('NOT_FOUND', messages.notFound);
    const version = await manageableVersion(tx, ctx, section.versionId);
    if (!isGuidelineTextEditable(version, ctx.now())) throw notEditable(version.status);
    const after = await tx.guidelineSection.update({ where: { id: section.id }, data: input.changes });
    await recordAudit(tx, ctx, {
      action: 'guideline.update_section',
      subjectType: 'GuidelineSection',
      subjectId: section.id,
      before: auditSnapshot(pick(section, Object.keys(input.changes))),
      after: auditSnapshot(pick(after, Object.keys(input.changes))),
    });
    return { id: section.id, versionId: version.id };
  });
  announce(ctx, done.versionId, 'EDITED');
  return done;
}

export interface PrincipleText {
  name: string;
  nameEn: string;
  text: string;
  textEn: string;
}

/**
 * Positions are unique per version, so moving a principle renumbers the others in two
 * passes (to negative numbers, then to 1…n): a single pass could collide midway.
 */
async function renumberPrinciples(tx: Tx, orderedIds: readonly string[]): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    await tx.principle.update({ where: { id }, data: { position: -(index + 1) } });
  }
  for (const [index, id] of orderedIds.entries()) {
    await tx.principle.update({ where: { id }, data: { position: index + 1 } });
  }
}

export async function upsertPrinciple(
  ctx: Context,
  input: {
    versionId: string;
    key: string;
    position?: number;
    text: PrincipleText;
    /** Drafted on a workshop board (board.service.ts): the board and its notes or draft. */
    origin?: { boardId: string; noteIds: readonly string[] };
  },
): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    const version = await manageableVersion(tx, ctx, input.versionId);
    if (!isGuidelineTextEditable(version, ctx.now())) throw notEditable(version.status);
    const principles = await tx.principle.findMany({
      where: { versionId: version.id },
      orderBy: { position: 'asc' },
    });
    const existing = principles.find((p) => p.key === input.key);
    const origin = input.origin
      ? {
          origin: 'BOARD' as const,
          originBoardId: input.origin.boardId,
          originNoteIds: [
            ...new Set([
              ...(existing?.originBoardId === input.origin.boardId ? existing.originNoteIds : []),
              ...input.origin.noteIds,
            ]),
          ],
        }
      : {};
    let id: string;
    if (existing) {
      const after = await tx.principle.update({ where: { id: existing.id }, data: { ...input.text, ...origin } });
      id = after.id;
      await recordAudit(tx, ctx, {
        action: 'guideline.update_principle',
        subjectType: 'Principle',
        subjectId: id,
        before: auditSnapshot(existing),
        after: auditSnapshot(after),
      });
    } else {
      const created = await tx.principle.create({
        data: { versionId: version.id, key: input.key, position: principles.length + 1, ...input.text, ...origin },
      });
      id = created.id;
      await recordAudit(tx, ctx, {
        action: 'guideline.add_principle',
        subjectType: 'Principle',
        subjectId: id,
        after: auditSnapshot(created),
      });
    }
    if (input.position != null) {
      const order = principles.map((p) => p.id).filter((pid) => pid !== id);
      const at = Math.min(Math.max(input.position, 1), order.length + 1) - 1;
      order.splice(at, 0, id);
      await renumberPrinciples(tx, order);
    }
    return { id };
  });
  announce(ctx, input.versionId, 'EDITED');
  return done;
}

export async function removePrinciple(ctx: Context, input: { versionId: string; key: string }): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const version = await manageableVersion(tx, ctx, input.versionId);
    if (!isGuidelineTextEditable(version, ctx.now())) throw notEditable(version.status);
    const principle = await tx.principle.findUnique({
      where: { versionId_key: { versionId: version.id, key: input.key } },
      include: { _count: { select: { targets: true } } },
    });
    if (!principle) throw new AppError('NOT_FOUND', messages.notFound);
    // Targets keep their principles (the link restricts deletion); refuse with a reason instead.
    if (principle._count.targets > 0) {
      throw stateError(version.status, {
        ja: `理念「${principle.name}」は${principle._count.targets}件の向上目標に結び付けられているため削除できません。`,
        en: `The principle “${principle.nameEn}” is linked to ${principle._count.targets} improvement target(s) and cannot be removed.`,
      });
    }
    await tx.principle.delete({ where: { id: principle.id } });
    const rest = await tx.principle.findMany({
      where: { versionId: version.id },
      orderBy: { position: 'asc' },
      select: { id: true },
    });
    await renumberPrinciples(
      tx,
      rest.map((p) => p.id),
    );
    const { _count, ...row } = principle;
    void _count;
    await recordAudit(tx, ctx, {
      action: 'guideline.remove_principle',
      subjectType: 'Principle',
      subjectId: principle.id,
      before: auditSnapshot(row),
    });
  });
  announce(ctx, input.versionId, 'EDITED');
}

export async function openPublicComment(
  ctx: Context,
  input: { versionId: string; opensAt: Date; closesAt: Date },
): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    const version = await manageableVersion(tx, ctx, input.versionId);
    if (version.status !== 'DRAFT') {
      throw stateError(version.status, {
        ja: `意見募集を始められるのは案の段階の版だけです（現在の状態: ${version.status}）。`,
        en: `Only a draft can be put out for public comment (this version is ${version.status}).`,
      });
    }
    if (input.closesAt <= input.opensAt || input.closesAt.getTime() - input.opensAt.getTime() > 366 * 86_400_000) {
      throw new AppError('BAD_USER_INPUT', {
        ja: '意見募集の締切は開始より後、開始から1年以内にしてください。',
        en: 'The comment period must close after it opens, and within a year.',
      });
    }
    if (input.closesAt <= ctx.now()) {
      throw new AppError('BAD_USER_INPUT', {
        ja: '意見募集の締切は現在より後の日時にしてください。',
        en: 'The comment period must close in the future.',
      });
    }
    const after = await tx.guidelineVersion.update({
      where: { id: version.id },
      data: { status: 'PUBLIC_COMMENT', commentOpensAt: input.opensAt, commentClosesAt: input.closesAt },
    });
    await recordAudit(tx, ctx, {
      action: 'guideline.open_public_comment',
      subjectType: 'GuidelineVersion',
      subjectId: version.id,
      before: auditSnapshot(pick(version, ['status', 'commentOpensAt', 'commentClosesAt'])),
      after: auditSnapshot(pick(after, ['status', 'commentOpensAt', 'commentClosesAt'])),
    });
    return { id: version.id };
  });
  announce(ctx, done.id, 'PUT_OUT_FOR_COMMENT');
  return done;
}

export async function publishGuidelineVersion(ctx: Context, input: { versionId: string }): Promise<{ id: string }> {
  const published = await ctx.db.$transaction(async (tx) => {
    const version = await manageableVersion(tx, ctx, input.versionId);
    const now = ctx.now();
    if (!isGuidelinePublishable(version, now)) {
      const period = commentPeriodState(version, now);
      throw stateError(
        version.status,
        period === 'OPEN' || period === 'SCHEDULED'
          ? {
              ja: `意見募集の期間（${formatJst(version.commentClosesAt!)} まで）が終わるまで公表できません。`,
              en: `The version cannot be published before its comment period closes (${formatJst(version.commentClosesAt!)}).`,
            }
          : {
              ja: `公表できるのは案か意見募集を終えた版だけです（現在の状態: ${version.status}）。`,
              en: `Only a draft or a version whose comment period has closed can be published (this one is ${version.status}).`,
            },
      );
    }
    // The published table of comments and responses must be complete: no comment may still
    // be waiting for moderation.
    const pending = await tx.publicComment.count({ where: { versionId: version.id, status: 'PENDING' } });
    if (pending > 0) {
      throw stateError(
        version.status,
        {
          ja: `未確認の意見が${pending}件あります。すべて公開または非公開にしてから公表してください。`,
          en: `${pending} comment(s) still await moderation; publish or reject them first.`,
        },
        { pendingComments: pending },
      );
    }
    const previous = await tx.guidelineVersion.findFirst({
      where: { status: 'PUBLISHED', id: { not: version.id } },
      orderBy: [{ revisedOn: 'desc' }, { id: 'desc' }],
    });
    if (previous) {
      await tx.guidelineVersion.update({ where: { id: previous.id }, data: { status: 'SUPERSEDED' } });
      await recordAudit(tx, ctx, {
        action: 'guideline.supersede',
        subjectType: 'GuidelineVersion',
        subjectId: previous.id,
        before: { status: previous.status },
        after: { status: 'SUPERSEDED', supersededById: version.id },
      });
    }
    const jst = new Date(now.getTime() + JST_OFFSET_MS);
    // A version adopted in March (the standards-review month) applies from the April after;
    // otherwise from the fiscal year it is published in, unless the draft says otherwise.
    const effectiveFiscalYear =
      version.effectiveFiscalYear ?? fiscalYearOf(now) + (fiscalPhaseOf(now) === 'STANDARDS_REVIEW' ? 1 : 0);
    // Guarded by status so two concurrent publications cannot both succeed.
    const updated = await tx.guidelineVersion.updateMany({
      where: { id: version.id, status: version.status },
      data: {
        status: 'PUBLISHED',
        publishedAt: now,
        revisedOn: new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), 1)),
        effectiveFiscalYear,
        supersedesId: previous?.id ?? version.supersedesId,
      },
    });
    if (updated.count === 0) throw new AppError('CONFLICT', messages.conflict);
    const after = await tx.guidelineVersion.findUniqueOrThrow({ where: { id: version.id } });
    await recordAudit(tx, ctx, {
      action: 'guideline.publish',
      subjectType: 'GuidelineVersion',
      subjectId: version.id,
      before: auditSnapshot(pick(version, ['status', 'publishedAt', 'revisedOn', 'supersedesId'])),
      after: auditSnapshot(pick(after, ['status', 'publishedAt', 'revisedOn', 'supersedesId', 'effectiveFiscalYear'])),
    });
    const relinked = await relinkToPrinciplesOf(tx, ctx, version.id);
    return { id: version.id, previousId: previous?.id ?? null, relinked };
  });
  if (published.previousId) announce(ctx, published.previousId, 'SUPERSEDED');
  announce(ctx, published.id, 'PUBLISHED');
  for (const target of published.relinked) ctx.pubsub.publish('targetChanged', target);
  return { id: published.id };
}

/**
 * What follows a new version's principles, by their stable key, in the transaction that
 * publishes it — and what keeps the principles it had, because it is history:
 * - targets the section can still edit (DRAFT, CHANGES_REQUESTED) are relinked, with a new
 *   revision and a version bump (an editor holding the old version gets CONFLICT and reloads);
 *   a key the new version no longer has is dropped. Targets in review, approved or published,
 *   and all earlier revisions, keep theirs: the committee reviewed them as they stand.
 * - standards not yet in force (first fiscal year after the current one, e.g. adopted in this
 *   March's review) are relinked. A standard's principle links belong to the standard, not to a
 *   revision, so relinking one already in force would rewrite what its published years said:
 *   those keep theirs, and are followed across versions by `Principle.key`.
 * Problems and proposals, being working material about the guideline, keep theirs.
 */
async function relinkToPrinciplesOf(tx: Tx, ctx: Context, versionId: string): Promise<Topics['targetChanged'][]> {
  const principles = await tx.principle.findMany({ where: { versionId }, select: { id: true, key: true } });
  const byKey = new Map(principles.map((p) => [p.key, p.id]));
  const relink = (links: { principle: { id: string; key: string } }[]) => ({
    before: links.map((l) => l.principle.id),
    after: [...new Set(links.flatMap((l) => byKey.get(l.principle.key) ?? []))],
    dropped: links.filter((l) => !byKey.has(l.principle.key)).map((l) => l.principle.key),
  });
  const elsewhere = { some: { principle: { versionId: { not: versionId } } } };
  const linkSelect = { select: { principle: { select: { id: true, key: true } } } } as const;

  const events: Topics['targetChanged'][] = [];
  const targets = await tx.improvementTarget.findMany({
    where: { state: { in: [...EDITABLE_TARGET_STATES] }, principles: elsewhere },
    include: { principles: linkSelect, section: { select: { wardId: true } } },
    orderBy: { id: 'asc' },
  });
  for (const target of targets) {
    const change = relink(target.principles);
    await tx.targetPrinciple.deleteMany({ where: { targetId: target.id } });
    await tx.targetPrinciple.createMany({
      data: change.after.map((principleId) => ({ targetId: target.id, principleId })),
    });
    const after = await tx.improvementTarget.update({
      where: { id: target.id },
      data: { version: { increment: 1 } },
      include: { standards: { select: { standardId: true } }, principles: { select: { principleId: true } } },
    });
    const last = await tx.targetRevision.findFirst({
      where: { targetId: target.id },
      orderBy: { number: 'desc' },
      select: { number: true },
    });
    await tx.targetRevision.create({
      data: {
        targetId: target.id,
        number: (last?.number ?? 0) + 1,
        content: targetRevisionContent(after),
        authorId: ctx.viewer.user?.id ?? null,
      },
    });
    await recordAudit(tx, ctx, {
      action: 'target.relink_principles',
      subjectType: 'ImprovementTarget',
      subjectId: target.id,
      before: { principleIds: change.before, version: target.version },
      after: {
        principleIds: change.after,
        droppedKeys: change.dropped,
        guidelineVersionId: versionId,
        version: after.version,
      },
    });
    events.push({
      targetId: target.id,
      sectionId: target.sectionId,
      wardId: target.section.wardId,
      fiscalYear: target.fiscalYear,
    });
  }

  const standards = await tx.standard.findMany({
    where: { introducedFiscalYear: { gt: fiscalYearOf(ctx.now()) }, principles: elsewhere },
    include: { principles: linkSelect },
    orderBy: { id: 'asc' },
  });
  for (const standard of standards) {
    const change = relink(standard.principles);
    await tx.standardPrinciple.deleteMany({ where: { standardId: standard.id } });
    await tx.standardPrinciple.createMany({
      data: change.after.map((principleId) => ({ standardId: standard.id, principleId })),
    });
    await recordAudit(tx, ctx, {
      action: 'standard.relink_principles',
      subjectType: 'Standard',
      subjectId: standard.id,
      before: { principleIds: change.before },
      after: { principleIds: change.after, droppedKeys: change.dropped, guidelineVersionId: versionId },
    });
  }
  return events;
}

function pick<T extends object>(row: T, keys: readonly string[]): Record<string, unknown> {
  const source = row as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, source[k]]));
}
