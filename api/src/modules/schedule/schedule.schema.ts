// The yearly schedule: for any date, the fiscal year and phase (public), and what is
// overdue by then (staff, limited to what they may read). Every list is one filtered query.
import type { Prisma } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';
import { builder } from '../../builder.ts';
import { FiscalPhaseEnum, FiscalYear } from '../fiscal-year/fiscal-year.schema.ts';
import { dateInJapan, scheduleOn, type ScheduleOn } from './schedule.ts';

/**
 * Which wards' late work a viewer sees: every ward for city-wide roles, otherwise the wards
 * of their memberships. A section's or target's lateness reveals unpublished state (a target
 * in review counts as submitted), so it follows the same rule as reading unpublished work.
 */
function lateWorkWardWhere(viewer: Viewer): Prisma.SectionWhereInput {
  if (viewer.readsAll) return {};
  return { wardId: { in: [...viewer.readableWardIds()] } };
}

// Each list's filter, shared by its page and its count.
const lateSectionsWhere = (s: ScheduleOn, viewer: Viewer): Prisma.SectionWhereInput => ({
  AND: [lateWorkWardWhere(viewer), { targets: { none: { fiscalYear: s.fiscalYear, state: { not: 'DRAFT' } } } }],
});
const missingResultsWhere = (s: ScheduleOn, viewer: Viewer): Prisma.ImprovementTargetWhereInput => ({
  fiscalYear: { lte: s.resultsDueThroughFiscalYear },
  state: { in: ['APPROVED', 'PUBLISHED'] },
  result: { is: null },
  section: lateWorkWardWhere(viewer),
});
const overdueRoundsWhere = (s: ScheduleOn, viewer: Viewer): Prisma.ReviewRoundWhereInput => ({
  status: 'OPEN',
  dueDate: { lt: s.date },
  target: { section: lateWorkWardWhere(viewer) },
});

const OverdueReviewRound = builder.prismaObject('ReviewRound', {
  variant: 'OverdueReviewRound',
  description: 'A committee review round still open after its due date.',
  include: { target: { select: { section: { select: { wardId: true } } } } },
  authScopes: (round, ctx) => ctx.viewer.canReadWard(round.target.section.wardId),
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'Round number for its target, from 1.' }),
    dueDate: t.expose('dueDate', {
      type: 'Date',
      nullable: true,
      description: 'The last day for the committee’s reviews.',
    }),
    openedAt: t.expose('openedAt', {
      type: 'DateTime',
      description: 'When the round opened (the target was submitted).',
    }),
    target: t.relation('target', { description: 'The target under review.' }),
    reviewCount: t.relationCount('reviews', { description: 'Reviews recorded so far.' }),
    assignedCount: t.relationCount('assignments', {
      description: 'Committee members expected to review (assigned when the round opened).',
    }),
  }),
});

const Schedule = builder.objectRef<ScheduleOn & { now: Date }>('Schedule').implement({
  description:
    '年間スケジュール: where a date falls in the guideline’s yearly cycle (April–May planning, the year’s work, March standards review), and what is overdue by then. The calendar part is public; the overdue lists are for staff and show only what they may read.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', description: 'The date asked about (a date in Japan).' }),
    fiscalYear: t.field({
      type: FiscalYear,
      description: 'The fiscal year the date falls in.',
      resolve: (s) => ({ year: s.fiscalYear, now: s.now }),
    }),
    phase: t.expose('phase', { type: FiscalPhaseEnum, description: 'The phase of the yearly cycle on that date.' }),
    phaseStartsOn: t.expose('phaseStartsOn', { type: 'Date', description: 'First day of that phase.' }),
    phaseEndsOn: t.expose('phaseEndsOn', { type: 'Date', description: 'Last day of that phase.' }),
    planningDeadline: t.expose('planningDeadline', {
      type: 'Date',
      description: 'May 31 of the fiscal year: policies published and targets submitted by then.',
    }),
    standardsReviewStartsOn: t.expose('standardsReviewStartsOn', {
      type: 'Date',
      description: 'March 1 ending the fiscal year: the directors’ meeting reviews the standards.',
    }),
    wardsWithoutPublishedPolicy: t.prismaField({
      type: ['Ward'],
      authScopes: { staff: true },
      description:
        'Staff only. From June 1, the wards with no published improvement policy for the fiscal year (empty before). At most seven, in ward order.',
      resolve: (query, s, _args, ctx) =>
        s.planningOverdue
          ? ctx.db.ward.findMany({
              ...query,
              where: { policies: { none: { fiscalYear: s.fiscalYear, status: 'PUBLISHED' } } },
              orderBy: { position: 'asc' },
            })
          : [],
    }),
    sectionsWithoutSubmittedTarget: t.prismaConnection({
      type: 'Section',
      cursor: 'id',
      totalCount: (s, _args, ctx) =>
        s.planningOverdue ? ctx.db.section.count({ where: lateSectionsWhere(s, ctx.viewer) }) : 0,
      authScopes: { staff: true },
      description:
        'Staff only. From June 1, the sections (of the wards you may read) with no target for the fiscal year submitted for review (every target still a draft, or none). In ward and section order.',
      resolve: (query, s, _args, ctx) =>
        s.planningOverdue
          ? ctx.db.section.findMany({
              ...query,
              where: lateSectionsWhere(s, ctx.viewer),
              orderBy: [{ ward: { position: 'asc' } }, { position: 'asc' }, { id: 'asc' }],
            })
          : [],
    }),
    targetsWithoutResult: t.prismaConnection({
      type: 'ImprovementTarget',
      cursor: 'id',
      totalCount: (s, _args, ctx) => ctx.db.improvementTarget.count({ where: missingResultsWhere(s, ctx.viewer) }),
      authScopes: { staff: true },
      description:
        'Staff only. Approved or published targets (of the wards you may read) of fiscal years that had ended by the date, with no result reported yet. Newest fiscal year first, then ward and section order.',
      resolve: (query, s, _args, ctx) =>
        ctx.db.improvementTarget.findMany({
          ...query,
          where: missingResultsWhere(s, ctx.viewer),
          orderBy: [
            { fiscalYear: 'desc' },
            { section: { ward: { position: 'asc' } } },
            { section: { position: 'asc' } },
            { id: 'asc' },
          ],
        }),
    }),
    overdueReviewRounds: t.prismaConnection({
      type: OverdueReviewRound,
      cursor: 'id',
      totalCount: (s, _args, ctx) => ctx.db.reviewRound.count({ where: overdueRoundsWhere(s, ctx.viewer) }),
      authScopes: { staff: true },
      description:
        'Staff only. Committee review rounds (of the wards you may read) still open after their due date, most overdue first.',
      resolve: (query, s, _args, ctx) =>
        ctx.db.reviewRound.findMany({
          ...query,
          where: overdueRoundsWhere(s, ctx.viewer),
          orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
        }),
    }),
  }),
});

builder.queryFields((t) => ({
  schedule: t.field({
    type: Schedule,
    description:
      'Public. The yearly schedule on a date: fiscal year, phase and deadlines for everyone; overdue lists for staff. The lists judge today’s records against the deadlines that had passed by that date.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      date: t.arg({ type: 'Date', description: 'The date in Japan (YYYY-MM-DD); today in Japan when left out.' }),
    },
    resolve: (_root, { date }, ctx) => {
      const now = ctx.now();
      return { ...scheduleOn(date ?? dateInJapan(now)), now };
    },
  }),
}));
