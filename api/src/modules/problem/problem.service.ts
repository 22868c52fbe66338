// Writes to problems (課題) and improvement proposals (改善提案). Both share one shape, so one
// set of functions serves both, switching on `kind` only where the tables differ.
//
// Adoption links (what a record became):
// - a proposal adopted as a target sets the target's `originProposalId`;
// - a proposal adopted as a standard sets the standard's `originProposalId` (and its
//   `originWardId` when it has none), so the standard keeps where it came from;
// - a problem adopted as a target or a standard sets its own `adoptedTargetId` /
//   `adoptedStandardId` (a problem is not the origin of what it became: proposals are; the
//   database refuses either link without its status).
// Reopening removes the links the adoption made, so status and links agree; the audit record
// of each status change keeps the ids as well.
import type { Prisma, ProblemStatus } from '@shishin/prisma';
import { auditSnapshot, recordAudit } from '../../audit.ts';
import type { Context } from '../../context.ts';
import type { Topics } from '../../pubsub.ts';
import { AppError, messages } from '../../errors.ts';
import { canReadGuidelineVersion } from '../guideline/guideline.policy.ts';
import { canReadTarget } from '../target/target.policy.ts';
import { canAdoptAsStandard, canEditProblem, canReadProblem } from './problem.policy.ts';

type Tx = Prisma.TransactionClient;
export type ProblemKind = 'Problem' | 'Proposal';

export interface ProblemFields {
  title?: string;
  titleEn?: string | null;
  body?: string;
  bodyEn?: string | null;
  /** undefined keeps, null clears. */
  wardId?: string | null;
  sectionId?: string | null;
  guidelineVersionId?: string | null;
  workshopDate?: Date | null;
  standardIds?: readonly string[];
  principleIds?: readonly string[];
  /** Proposals only: the problem the proposal answers. */
  problemId?: string | null;
  /** Promoted from a workshop board (board.service.ts): the board and the notes it came from. */
  origin?: { boardId: string; noteIds: readonly string[] };
}

interface TargetEvent {
  targetId: string;
  sectionId: string;
  wardId: string;
  fiscalYear: number;
}

const notFound = () => new AppError('NOT_FOUND', messages.notFound);
const forbidden = () => new AppError('FORBIDDEN', messages.forbidden);

async function load(tx: Tx, ctx: Context, kind: ProblemKind, id: string) {
  const row =
    kind === 'Problem'
      ? await tx.problem.findUnique({ where: { id } })
      : await tx.proposal.findUnique({ where: { id } });
  // Another ward's record is reported as missing, so ids do not reveal what exists.
  if (!row || !canReadProblem(ctx.viewer, row)) throw notFound();
  // Only proposals carry `problemId`; only problems their own adoption columns.
  return row as typeof row & {
    problemId?: string | null;
    adoptedTargetId?: string | null;
    adoptedStandardId?: string | null;
  };
}

/** The ward follows from the section; a ward given alongside must agree with it. */
async function resolveScope(
  tx: Tx,
  wardId: string | null,
  sectionId: string | null,
): Promise<{ wardId: string | null; sectionId: string | null }> {
  if (sectionId) {
    const section = await tx.section.findUnique({ where: { id: sectionId }, select: { wardId: true } });
    if (!section) throw notFound();
    if (wardId && wardId !== section.wardId) {
      throw new AppError('BAD_USER_INPUT', {
        ja: '所属は指定した区のものではありません。',
        en: 'The section does not belong to the given ward.',
      });
    }
    return { wardId: section.wardId, sectionId };
  }
  if (wardId && !(await tx.ward.findUnique({ where: { id: wardId }, select: { id: true } }))) throw notFound();
  return { wardId, sectionId: null };
}

async function checkLinks(tx: Tx, ctx: Context, fields: ProblemFields): Promise<void> {
  if (fields.standardIds?.length) {
    const found = await tx.standard.count({ where: { id: { in: [...fields.standardIds] } } });
    if (found !== new Set(fields.standardIds).size) throw notFound();
  }
  if (fields.principleIds?.length) {
    const found = await tx.principle.count({ where: { id: { in: [...fields.principleIds] } } });
    if (found !== new Set(fields.principleIds).size) throw notFound();
  }
  if (fields.guidelineVersionId) {
    const version = await tx.guidelineVersion.findUnique({
      where: { id: fields.guidelineVersionId },
      select: { status: true },
    });
    if (!version || !canReadGuidelineVersion(ctx.viewer, version)) throw notFound();
  }
  if (fields.problemId) {
    const problem = await tx.problem.findUnique({ where: { id: fields.problemId }, select: { wardId: true } });
    if (!problem || !canReadProblem(ctx.viewer, problem)) throw notFound();
  }
}

async function writeLinks(tx: Tx, kind: ProblemKind, id: string, fields: ProblemFields): Promise<void> {
  if (fields.standardIds) {
    const standardIds = [...new Set(fields.standardIds)];
    if (kind === 'Problem') {
      await tx.problemStandard.deleteMany({ where: { problemId: id } });
      await tx.problemStandard.createMany({ data: standardIds.map((standardId) => ({ problemId: id, standardId })) });
    } else {
      await tx.proposalStandard.deleteMany({ where: { proposalId: id } });
      await tx.proposalStandard.createMany({ data: standardIds.map((standardId) => ({ proposalId: id, standardId })) });
    }
  }
  if (fields.principleIds) {
    const principleIds = [...new Set(fields.principleIds)];
    if (kind === 'Problem') {
      await tx.problemPrinciple.deleteMany({ where: { problemId: id } });
      await tx.problemPrinciple.createMany({
        data: principleIds.map((principleId) => ({ problemId: id, principleId })),
      });
    } else {
      await tx.proposalPrinciple.deleteMany({ where: { proposalId: id } });
      await tx.proposalPrinciple.createMany({
        data: principleIds.map((principleId) => ({ proposalId: id, principleId })),
      });
    }
  }
}

function columns(fields: ProblemFields) {
  const { standardIds, principleIds, problemId, wardId, sectionId, origin, ...rest } = fields;
  void origin;
  void standardIds;
  void principleIds;
  void problemId;
  void wardId;
  void sectionId;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

const auditAction = (kind: ProblemKind, verb: string) => `${kind === 'Problem' ? 'problem' : 'proposal'}.${verb}`;

export async function createProblemRecord(
  ctx: Context,
  kind: ProblemKind,
  fields: ProblemFields & { title: string },
): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    if (!ctx.viewer.isStaff || !ctx.viewer.canWrite) throw forbidden();
    const scope = await resolveScope(tx, fields.wardId ?? null, fields.sectionId ?? null);
    if (!canEditProblem(ctx.viewer, scope)) throw forbidden();
    await checkLinks(tx, ctx, fields);
    const data = {
      ...columns(fields),
      title: fields.title,
      wardId: scope.wardId,
      sectionId: scope.sectionId,
      ...(fields.origin
        ? { origin: 'BOARD' as const, originBoardId: fields.origin.boardId, originNoteIds: [...fields.origin.noteIds] }
        : { origin: 'DIRECT' as const }),
      authorId: ctx.viewer.user?.id ?? null,
    };
    const row =
      kind === 'Problem'
        ? await tx.problem.create({ data })
        : await tx.proposal.create({ data: { ...data, problemId: fields.problemId ?? null } });
    await writeLinks(tx, kind, row.id, fields);
    await recordAudit(tx, ctx, {
      action: auditAction(kind, 'create'),
      subjectType: kind,
      subjectId: row.id,
      after: auditSnapshot({ ...row, standardIds: fields.standardIds ?? [], principleIds: fields.principleIds ?? [] }),
    });
    return { id: row.id, wardIds: [row.wardId], wardId: row.wardId };
  });
  announce(ctx, kind, done, 'CREATED');
  return { id: done.id };
}

export async function updateProblemRecord(
  ctx: Context,
  kind: ProblemKind,
  id: string,
  fields: ProblemFields,
): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    const before = await load(tx, ctx, kind, id);
    if (!canEditProblem(ctx.viewer, before)) throw forbidden();
    const scopeChanges = fields.wardId !== undefined || fields.sectionId !== undefined;
    const scope = scopeChanges
      ? await resolveScope(
          tx,
          fields.wardId === undefined ? (fields.sectionId ? null : before.wardId) : fields.wardId,
          // A section left out stays only while the ward stays the same.
          fields.sectionId === undefined
            ? fields.wardId === undefined || fields.wardId === before.wardId
              ? before.sectionId
              : null
            : fields.sectionId,
        )
      : { wardId: before.wardId, sectionId: before.sectionId };
    // Moving a record to another ward needs permission there too.
    if (!canEditProblem(ctx.viewer, scope)) throw forbidden();
    await checkLinks(tx, ctx, fields);
    const data = {
      ...columns(fields),
      wardId: scope.wardId,
      sectionId: scope.sectionId,
      // Promoting more notes of the same board into a record links them to it.
      ...(fields.origin && before.originBoardId === fields.origin.boardId
        ? { originNoteIds: [...new Set([...before.originNoteIds, ...fields.origin.noteIds])] }
        : {}),
    };
    const after =
      kind === 'Problem'
        ? await tx.problem.update({ where: { id }, data })
        : await tx.proposal.update({
            where: { id },
            data: { ...data, ...(fields.problemId !== undefined ? { problemId: fields.problemId } : {}) },
          });
    await writeLinks(tx, kind, id, fields);
    await recordAudit(tx, ctx, {
      action: auditAction(kind, 'update'),
      subjectType: kind,
      subjectId: id,
      before: auditSnapshot(before),
      after: auditSnapshot({
        ...after,
        ...(fields.standardIds ? { standardIds: fields.standardIds } : {}),
        ...(fields.principleIds ? { principleIds: fields.principleIds } : {}),
      }),
    });
    return { id, wardIds: [before.wardId, scope.wardId], wardId: scope.wardId };
  });
  announce(ctx, kind, done, 'EDITED');
  return { id };
}

export interface StatusChange {
  status: ProblemStatus;
  reason?: string | null;
  targetId?: string | null;
  standardId?: string | null;
}

const invalidTransition = (from: ProblemStatus, to: ProblemStatus) =>
  new AppError(
    'INVALID_STATE',
    {
      ja: `状態を ${from} から ${to} には変えられません。採用・不採用にできるのは未対応（OPEN）のものだけで、採用・不採用のものは未対応に戻せます。`,
      en: `The status cannot change from ${from} to ${to}: only an OPEN record can be adopted or declined, and an adopted or declined one can be reopened.`,
    },
    { state: from },
  );

export async function changeProblemStatus(
  ctx: Context,
  kind: ProblemKind,
  id: string,
  change: StatusChange,
): Promise<{ id: string }> {
  const events: TargetEvent[] = [];
  const result = await ctx.db.$transaction(async (tx) => {
    const before = await load(tx, ctx, kind, id);
    if (!canEditProblem(ctx.viewer, before)) throw forbidden();
    const from = before.status;
    const to = change.status;
    const valid = to === 'OPEN' ? from !== 'OPEN' : from === 'OPEN';
    if (!valid) throw invalidTransition(from, to);
    const link: Record<string, unknown> = {};
    // A problem's own adoption columns: set for the status adopted, cleared by any other.
    const adopted: { targetId: string | null; standardId: string | null } = { targetId: null, standardId: null };
    const reason = change.reason?.trim();

    if (to === 'DECLINED' && !reason) {
      throw new AppError('BAD_USER_INPUT', {
        ja: '不採用の理由を入力してください。',
        en: 'Give the reason the record is declined.',
      });
    }
    if (to === 'ADOPTED_AS_TARGET') {
      if (!change.targetId) {
        throw new AppError('BAD_USER_INPUT', {
          ja: '採用先の向上目標を指定してください。',
          en: 'Name the improvement target it was adopted as.',
        });
      }
      const target = await tx.improvementTarget.findUnique({
        where: { id: change.targetId },
        include: { section: { select: { wardId: true } } },
      });
      if (!target || !canReadTarget(ctx.viewer, target)) throw notFound();
      // Linking changes the target, so it takes a writer of the target's ward.
      if (!ctx.viewer.canReadWard(target.section.wardId)) throw forbidden();
      link.targetId = target.id;
      if (kind === 'Problem') adopted.targetId = target.id;
      if (kind === 'Proposal') {
        if (target.originProposalId && target.originProposalId !== id) {
          throw new AppError(
            'INVALID_STATE',
            {
              ja: 'この向上目標は既に別の改善提案から採用されています。',
              en: 'This target was already adopted from another proposal.',
            },
            { state: from },
          );
        }
        await tx.improvementTarget.update({
          where: { id: target.id },
          data: { originProposalId: id, version: { increment: 1 } },
        });
        // The target changed too: its own trail says where it came from.
        await recordAudit(tx, ctx, {
          action: 'target.link_origin_proposal',
          subjectType: 'ImprovementTarget',
          subjectId: target.id,
          before: { originProposal: null, version: target.version },
          after: { originProposal: before.title, version: target.version + 1 },
        });
        events.push({
          targetId: target.id,
          sectionId: target.sectionId,
          wardId: target.section.wardId,
          fiscalYear: target.fiscalYear,
        });
      }
    }
    if (to === 'ADOPTED_AS_STANDARD') {
      if (!change.standardId) {
        throw new AppError('BAD_USER_INPUT', {
          ja: '採用先の区役所サービス基準を指定してください。',
          en: 'Name the standard it was adopted as.',
        });
      }
      if (!canAdoptAsStandard(ctx.viewer)) throw forbidden();
      const standard = await tx.standard.findUnique({ where: { id: change.standardId } });
      if (!standard) throw notFound();
      link.standardId = standard.id;
      if (kind === 'Proposal') {
        if (standard.originProposalId && standard.originProposalId !== id) {
          throw new AppError(
            'INVALID_STATE',
            {
              ja: 'この基準は既に別の改善提案から採用されています。',
              en: 'This standard was already adopted from another proposal.',
            },
            { state: from },
          );
        }
        await tx.standard.update({
          where: { id: standard.id },
          data: { originProposalId: id, ...(standard.originWardId ? {} : { originWardId: before.wardId }) },
        });
        await recordAudit(tx, ctx, {
          action: 'standard.link_origin_proposal',
          subjectType: 'Standard',
          subjectId: standard.id,
          before: { originProposal: null, originWardId: standard.originWardId },
          after: { originProposal: before.title, originWardId: standard.originWardId ?? before.wardId },
        });
      } else {
        adopted.standardId = standard.id;
      }
    }
    if (to === 'OPEN' && kind === 'Problem') {
      if (before.adoptedStandardId && !canAdoptAsStandard(ctx.viewer)) throw forbidden();
      if (before.adoptedTargetId) link.unlinkedTargetIds = [before.adoptedTargetId];
      if (before.adoptedStandardId) link.unlinkedStandardIds = [before.adoptedStandardId];
    }
    if (to === 'OPEN' && kind === 'Proposal') {
      const standards = await tx.standard.findMany({ where: { originProposalId: id }, select: { id: true } });
      if (standards.length > 0) {
        if (!canAdoptAsStandard(ctx.viewer)) throw forbidden();
        await tx.standard.updateMany({ where: { originProposalId: id }, data: { originProposalId: null } });
        link.unlinkedStandardIds = standards.map((s) => s.id);
        for (const standard of standards) {
          await recordAudit(tx, ctx, {
            action: 'standard.unlink_origin_proposal',
            subjectType: 'Standard',
            subjectId: standard.id,
            before: { originProposal: before.title },
            after: { originProposal: null },
          });
        }
      }
      const targets = await tx.improvementTarget.findMany({
        where: { originProposalId: id },
        include: { section: { select: { wardId: true } } },
      });
      for (const target of targets) {
        if (!ctx.viewer.canReadWard(target.section.wardId)) throw forbidden();
        await tx.improvementTarget.update({
          where: { id: target.id },
          data: { originProposalId: null, version: { increment: 1 } },
        });
        await recordAudit(tx, ctx, {
          action: 'target.unlink_origin_proposal',
          subjectType: 'ImprovementTarget',
          subjectId: target.id,
          before: { originProposal: before.title, version: target.version },
          after: { originProposal: null, version: target.version + 1 },
        });
        events.push({
          targetId: target.id,
          sectionId: target.sectionId,
          wardId: target.section.wardId,
          fiscalYear: target.fiscalYear,
        });
      }
      if (targets.length > 0) link.unlinkedTargetIds = targets.map((t) => t.id);
    }

    const data = { status: to, declineReason: to === 'DECLINED' ? reason! : null };
    const after =
      kind === 'Problem'
        ? await tx.problem.update({
            where: { id },
            data: {
              ...data,
              adoptedTargetId: adopted.targetId,
              adoptedStandardId: adopted.standardId,
            },
          })
        : await tx.proposal.update({ where: { id }, data });
    await recordAudit(tx, ctx, {
      action: auditAction(kind, 'change_status'),
      subjectType: kind,
      subjectId: id,
      before: { status: from, declineReason: before.declineReason },
      after: auditSnapshot({ status: after.status, declineReason: after.declineReason, ...link }),
    });
    return { id, wardIds: [before.wardId], wardId: before.wardId };
  });
  for (const event of events) ctx.pubsub.publish('targetChanged', event);
  announce(
    ctx,
    kind,
    result,
    change.status === 'OPEN' ? 'REOPENED' : change.status === 'DECLINED' ? 'DECLINED' : 'ADOPTED',
  );
  return { id: result.id };
}

/** After the commit only: subscribers re-read the record with their own permissions. */
function announce(
  ctx: Context,
  kind: ProblemKind,
  record: { id: string; wardIds: (string | null)[]; wardId: string | null },
  change: Topics['problemChanged']['change'],
): void {
  ctx.pubsub.publish('problemChanged', {
    kind,
    id: record.id,
    wardIds: [...new Set(record.wardIds)],
    wardId: record.wardId,
    change,
  });
}
