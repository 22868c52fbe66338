// Publishing a new guideline version: what follows its principles by key in the same
// transaction (drafts, standards not yet in force), and what keeps the principles it had (history).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, globalId, rowId, TestClient } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

// February 2027: fiscal year 2026, before the March review of the standards for 2027.
const clock = new Date('2027-02-01T00:00:00Z');
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ now: () => clock });
});
afterAll(async () => {
  await platform?.close();
});

const db = () => platform.database.prisma;

async function h243(...keys: string[]) {
  const rows = await db().principle.findMany({ where: { version: { code: 'H24.3' }, key: { in: keys } } });
  return keys.map((key) => rows.find((r) => r.key === key)!.id);
}

type State = 'DRAFT' | 'CHANGES_REQUESTED' | 'IN_REVIEW' | 'PUBLISHED';

/** A 中原区 区民課 target in a state, linked to H24.3 principles, with its first revision. */
async function target(state: State, principleIds: string[]) {
  const section = await db().section.findFirstOrThrow({ where: { code: 'citizens', ward: { code: 'nakahara' } } });
  const row = await db().improvementTarget.create({
    data: {
      sectionId: section.id,
      fiscalYear: 2027,
      state,
      title: `${state} の目標`,
      description: '',
      milestone: '案内を見直す',
      principles: { create: principleIds.map((principleId) => ({ principleId })) },
    },
  });
  await db().targetRevision.create({
    data: { targetId: row.id, number: 1, content: { title: row.title, principleIds } },
  });
  return row;
}

const linksOf = async (targetId: string) =>
  (await db().targetPrinciple.findMany({ where: { targetId }, select: { principleId: true } }))
    .map((l) => l.principleId)
    .sort();

describe('publishing a guideline version', () => {
  it('relinks unsubmitted targets and standards not yet in force to its principles by key, and leaves history alone', async () => {
    const [citizens, empathy, cooperation] = await h243(
      'CITIZENS_PERSPECTIVE',
      'EMPATHY',
      'ORGANISATIONAL_COOPERATION',
    );
    const draft = await target('DRAFT', [citizens!, cooperation!]);
    const changesRequested = await target('CHANGES_REQUESTED', [empathy!]);
    const inReview = await target('IN_REVIEW', [citizens!]);
    const published = await target('PUBLISHED', [citizens!, cooperation!]);
    const coming = await db().standard.create({
      data: {
        code: 'S-90',
        category: 'SOFT',
        introducedFiscalYear: 2027,
        principles: { create: [{ principleId: empathy! }, { principleId: cooperation! }] },
      },
    });
    const inForce = await db().standard.findUniqueOrThrow({ where: { code: 'S-02' }, include: { principles: true } });
    const firstRevisions = await db().targetRevision.findMany({ where: { number: 1 }, orderBy: { id: 'asc' } });

    const admin = new TestClient(platform.url);
    dataOf(await admin.signIn('admin@example.jp', TEST_PASSWORD));
    const version = dataOf(
      await admin.request<{ createGuidelineDraft: { id: string } }>(
        `mutation C($input: CreateGuidelineDraftInput!) { createGuidelineDraft(input: $input) { id } }`,
        { input: { code: 'R9.3', title: '区役所サービス向上指針（令和9年3月改定）', titleEn: 'Guidelines (R9.3)' } },
      ),
    ).createGuidelineDraft;
    // The new version drops one principle: links to it cannot follow.
    dataOf(
      await admin.request(`mutation R($input: RemovePrincipleInput!) { removePrinciple(input: $input) { id } }`, {
        input: { versionId: version.id, key: 'ORGANISATIONAL_COOPERATION' },
      }),
    );
    const publish = await admin.request<{ publishGuidelineVersion: { status: string } }>(
      `mutation P($input: PublishGuidelineVersionInput!) { publishGuidelineVersion(input: $input) { status } }`,
      { input: { versionId: version.id } },
    );
    expect(dataOf(publish).publishGuidelineVersion.status).toBe('PUBLISHED');

    const r93 = await db().principle.findMany({ where: { versionId: rowId(version.id) } });
    const r93Id = (key: string) => r93.find((p) => p.key === key)!.id;

    // Unsubmitted targets follow the new version; the dropped key is gone; a new revision says so.
    expect(await linksOf(draft.id)).toEqual([r93Id('CITIZENS_PERSPECTIVE')]);
    expect(await linksOf(changesRequested.id)).toEqual([r93Id('EMPATHY')]);
    const draftNow = await db().improvementTarget.findUniqueOrThrow({
      where: { id: draft.id },
      include: { revisions: { orderBy: { number: 'asc' } } },
    });
    expect(draftNow.version).toBe(draft.version + 1);
    expect(draftNow.revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(draftNow.revisions[1]!.content).toMatchObject({ principleIds: [r93Id('CITIZENS_PERSPECTIVE')] });
    const audit = await db().auditRecord.findFirstOrThrow({
      where: { subjectId: draft.id, action: 'target.relink_principles' },
    });
    expect(audit.after).toMatchObject({ droppedKeys: ['ORGANISATIONAL_COOPERATION'] });

    // What the committee reviewed or the ward published keeps its principles, as do past revisions.
    expect(await linksOf(inReview.id)).toEqual([citizens]);
    expect(await linksOf(published.id)).toEqual([citizens, cooperation].sort());
    expect(await db().targetRevision.findMany({ where: { number: 1 }, orderBy: { id: 'asc' } })).toEqual(
      firstRevisions,
    );

    // A standard whose first year is still to come follows; one in force keeps its links.
    expect(
      (await db().standardPrinciple.findMany({ where: { standardId: coming.id } })).map((l) => l.principleId),
    ).toEqual([r93Id('EMPATHY')]);
    expect(
      (await db().standard.findUniqueOrThrow({ where: { id: inForce.id }, include: { principles: true } })).principles,
    ).toEqual(inForce.principles);

    // Read through the API: the draft's principles are the new version's wording.
    const section = new TestClient(platform.url);
    dataOf(await section.signIn('section.nakahara@example.jp', TEST_PASSWORD));
    const read = dataOf(
      await section.request<{ node: { principles: { key: string; version: { code: string } }[] } }>(
        `query N($id: ID!) { node(id: $id) { ... on ImprovementTarget { principles { key version { code } } } } }`,
        { id: globalId('ImprovementTarget', draft.id) },
      ),
    );
    expect(read.node.principles).toEqual([{ key: 'CITIZENS_PERSPECTIVE', version: { code: 'R9.3' } }]);
    // The section's next edit with the old version number is a conflict, not a silent overwrite.
    const stale = await section.request(
      `mutation U($input: UpdateImprovementTargetInput!) { updateImprovementTarget(input: $input) { version } }`,
      { input: { id: globalId('ImprovementTarget', draft.id), expectedVersion: draft.version, title: '古い版から' } },
    );
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
  });
});
