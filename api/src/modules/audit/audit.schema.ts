// The audit trail: who changed what, when, on targets, standards, problems and proposals.
// Every write already records an audit_record in its transaction (api/src/audit.ts); this
// module only reads them.
import { builder } from '../../builder.ts';
import { Proposal, Problem } from '../problem/problem.schema.ts';
import { canReadProblem } from '../problem/problem.policy.ts';
import { Standard } from '../standard/standard.schema.ts';
import { ImprovementTarget } from '../target/target.schema.ts';
import { auditChanges, type AuditChange } from './audit.changes.ts';
import { canReadStandardAudit, canReadTargetAudit } from './audit.policy.ts';

const AuditChangeRef = builder.objectRef<AuditChange>('AuditChange').implement({
  description: 'One field of a record as it was before a change and after it.',
  authScopes: { staff: true },
  fields: (t) => ({
    field: t.exposeString('field', {
      description: 'The field, as the record names it (e.g. title, state, standardIds).',
    }),
    before: t.exposeString('before', {
      nullable: true,
      description:
        'Its value before, as text (lists comma-separated; standards as codes, principles, wards and sections by name in the request’s language); null when it was empty or not recorded.',
    }),
    after: t.exposeString('after', { nullable: true, description: 'Its value after, as `before`; null when emptied.' }),
  }),
});

/**
 * Not a Node on purpose: who may read a record depends on its subject (a target's ward), which
 * `node(id:)` could only check with a lookup per subject type. Records are reached through
 * their subject's `auditTrail`, which checks the subject once.
 */
export const AuditRecord = builder.prismaObject('AuditRecord', {
  description: 'A change recorded in the same transaction as the write: who, what, when, before and after.',
  authScopes: { staff: true },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id of the record.' }),
    action: t.exposeString('action', {
      description:
        'What happened, as `subject.verb`, e.g. target.submit, target.update_text, standard.propose_revision.',
    }),
    actor: t.relation('actor', {
      nullable: true,
      description: 'Who made the change; null for the system (e.g. a scheduled step) or a removed account.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it happened.' }),
    changes: t.field({
      type: [AuditChangeRef],
      description: 'The fields that differ between before and after (the version counter last).',
      resolve: (record, _args, ctx) => auditChanges(ctx, record.before, record.after),
    }),
    before: t.string({
      nullable: true,
      description: 'The raw snapshot before the change, as JSON; null for a creation.',
      resolve: (record) => (record.before === null ? null : JSON.stringify(record.before)),
    }),
    after: t.string({
      nullable: true,
      description: 'The raw snapshot after the change, as JSON; null for a deletion.',
      resolve: (record) => (record.after === null ? null : JSON.stringify(record.after)),
    }),
  }),
});

const ORDER = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

builder.prismaObjectFields(ImprovementTarget, (t) => ({
  auditTrail: t.prismaConnection({
    type: AuditRecord,
    cursor: 'id',
    nullable: true,
    description:
      'Who changed what, when, newest first: every audit record of the target. For the staff of its ward and city-wide roles only, also for a published target (null with FORBIDDEN for others).',
    authScopes: (target, _args, ctx) => canReadTargetAudit(ctx.viewer, target),
    resolve: (query, target, _args, ctx) =>
      ctx.db.auditRecord.findMany({
        ...query,
        where: { subjectType: 'ImprovementTarget', subjectId: target.id },
        orderBy: ORDER,
      }),
  }),
}));

builder.prismaObjectFields(Standard, (t) => ({
  auditTrail: t.prismaConnection({
    type: AuditRecord,
    cursor: 'id',
    nullable: true,
    description:
      'Who changed what, when, newest first: every audit record of the standard (revisions proposed, practices adopted, retirements staged, links). Staff only (null with FORBIDDEN for others).',
    authScopes: (_standard, _args, ctx) => canReadStandardAudit(ctx.viewer),
    resolve: (query, standard, _args, ctx) =>
      ctx.db.auditRecord.findMany({
        ...query,
        where: { subjectType: 'Standard', subjectId: standard.id },
        orderBy: ORDER,
      }),
  }),
}));

for (const [ref, subjectType] of [
  [Problem, 'Problem'],
  [Proposal, 'Proposal'],
] as const) {
  builder.prismaObjectFields(ref, (t) => ({
    auditTrail: t.prismaConnection({
      type: AuditRecord,
      cursor: 'id',
      nullable: true,
      description: `Who changed what, when, newest first: every audit record of the ${subjectType.toLowerCase()}. Whoever may read it.`,
      authScopes: (record, _args, ctx) => canReadProblem(ctx.viewer, record),
      resolve: (query, record, _args, ctx) =>
        ctx.db.auditRecord.findMany({ ...query, where: { subjectType, subjectId: record.id }, orderBy: ORDER }),
    }),
  }));
}
