// The audit trail of targets, standards, problems and proposals: readable changes, and only
// for the staff who may read the unpublished record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, globalId, rowId, TestClient } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const db = () => platform.database.prisma;

async function signedIn(email: string): Promise<TestClient> {
  const client = new TestClient(platform.url);
  dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

async function targetOf(state: 'DRAFT' | 'PUBLISHED', wardCode = 'nakahara') {
  const row = await db().improvementTarget.findFirstOrThrow({
    where: { state, section: { code: 'citizens', ward: { code: wardCode } } },
    orderBy: { id: 'asc' },
  });
  return { ...row, gid: globalId('ImprovementTarget', row.id) };
}

type Trail = {
  node: {
    auditTrail: {
      edges: {
        cursor: string;
        node: {
          action: string;
          actor: { displayName: string } | null;
          createdAt: string;
          changes: { field: string; before: string | null; after: string | null }[];
        };
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    } | null;
  } | null;
};
const TARGET_TRAIL = `query T($id: ID!, $first: Int, $after: String) {
  node(id: $id) { ... on ImprovementTarget { auditTrail(first: $first, after: $after) {
    edges { cursor node { action actor { displayName } createdAt changes { field before after } } }
    pageInfo { hasNextPage endCursor }
  } } }
}`;
const STANDARD_TRAIL = TARGET_TRAIL.replace('ImprovementTarget', 'Standard');

describe('the audit trail of a target', () => {
  it('lists who changed what, newest first, field by field, one page at a time', async () => {
    const draft = await targetOf('DRAFT');
    const member = await signedIn('section.nakahara@example.jp');
    const section = globalId('Section', draft.sectionId);
    const [h01] = await db().standard.findMany({ where: { code: 'H-01' } });
    dataOf(
      await member.request(
        `mutation U($input: UpdateImprovementTargetInput!) { updateImprovementTarget(input: $input) { id } }`,
        {
          input: {
            id: draft.gid,
            expectedVersion: draft.version,
            title: '電話での問合せに所属を越えて答える',
            standardIds: [globalId('Standard', h01!.id)],
          },
        },
      ),
    );
    const proposal = dataOf(
      await member.request<{ createProposal: { id: string } }>(
        `mutation C($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
        { input: { title: '電話の一次受付を総務課に置く', sectionId: section } },
      ),
    ).createProposal;
    const coordinator = await signedIn('coordinator.nakahara@example.jp');
    dataOf(
      await coordinator.request(
        `mutation S($input: ChangeProposalStatusInput!) { changeProposalStatus(input: $input) { id } }`,
        { input: { id: proposal.id, status: 'ADOPTED_AS_TARGET', targetId: draft.gid } },
      ),
    );

    const trail = dataOf(await member.request<Trail>(TARGET_TRAIL, { id: draft.gid, first: 10 })).node!.auditTrail!;
    const [linked, edited] = trail.edges.map((e) => e.node);
    expect(linked).toMatchObject({
      action: 'target.link_origin_proposal',
      actor: { displayName: '小林 美穂' },
      changes: [
        { field: 'originProposal', before: null, after: '電話の一次受付を総務課に置く' },
        { field: 'version', before: String(draft.version + 1), after: String(draft.version + 2) },
      ],
    });
    expect(edited!.action).toBe('target.update_text');
    expect(edited!.actor).toEqual({ displayName: '鈴木 彩' });
    // Only what was written is compared; the standard is shown by its code, not its id.
    expect(edited!.changes).toEqual([
      { field: 'title', before: draft.title, after: '電話での問合せに所属を越えて答える' },
      { field: 'standardIds', before: null, after: 'H-01' },
      { field: 'version', before: String(draft.version), after: String(draft.version + 1) },
    ]);

    // Pages follow cursors, newest first.
    const first = dataOf(await member.request<Trail>(TARGET_TRAIL, { id: draft.gid, first: 1 })).node!.auditTrail!;
    expect(first.edges.map((e) => e.node.action)).toEqual(['target.link_origin_proposal']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(
      await member.request<Trail>(TARGET_TRAIL, { id: draft.gid, first: 1, after: first.pageInfo.endCursor }),
    ).node!.auditTrail!;
    expect(second.edges.map((e) => e.node.action)).toEqual(['target.update_text']);

    // The English request names the standard the same way and the principles in English.
    const english = await member.request<Trail>(
      TARGET_TRAIL,
      { id: draft.gid, first: 10 },
      {
        headers: { 'accept-language': 'en' },
      },
    );
    expect(dataOf(english).node!.auditTrail!.edges[1]!.node.changes[1]).toEqual({
      field: 'standardIds',
      before: null,
      after: 'H-01',
    });

    // Reopening the proposal unlinks the target, and the target's trail says so.
    dataOf(
      await coordinator.request(
        `mutation S($input: ChangeProposalStatusInput!) { changeProposalStatus(input: $input) { id } }`,
        { input: { id: proposal.id, status: 'OPEN' } },
      ),
    );
    const after = dataOf(await member.request<Trail>(TARGET_TRAIL, { id: draft.gid, first: 1 })).node!.auditTrail!;
    expect(after.edges[0]!.node).toMatchObject({
      action: 'target.unlink_origin_proposal',
      changes: [
        { field: 'originProposal', before: '電話の一次受付を総務課に置く', after: null },
        { field: 'version', before: String(draft.version + 2), after: String(draft.version + 3) },
      ],
    });
  });

  it('is for the staff of the target’s ward and city-wide roles, not for others, even on a published target', async () => {
    const published = await targetOf('PUBLISHED');
    await db().auditRecord.create({
      data: {
        action: 'target.publish',
        subjectType: 'ImprovementTarget',
        subjectId: published.id,
        before: { state: 'APPROVED' },
        after: { state: 'PUBLISHED' },
      },
    });
    for (const email of ['committee.nakahara@example.jp', 'mayor.nakahara@example.jp', 'director@example.jp']) {
      const trail = dataOf(await (await signedIn(email)).request<Trail>(TARGET_TRAIL, { id: published.gid }));
      expect({ email, actions: trail.node!.auditTrail!.edges.map((e) => e.node.action) }).toEqual({
        email,
        actions: ['target.publish'],
      });
    }
    // They read the published target itself, but not its trail: null, with the reason.
    const owner = await signedIn('section.nakahara@example.jp');
    const { token } = dataOf(
      await owner.request<{ createApiToken: { token: string } }>(
        `mutation { createApiToken(input: { name: "published", scopes: [READ_PUBLISHED] }) { token } }`,
      ),
    ).createApiToken;
    const refused: [string, TestClient, string][] = [
      ['committee member (宮前区)', await signedIn('committee.miyamae@example.jp'), 'FORBIDDEN'],
      ['ward mayor (宮前区)', await signedIn('mayor.miyamae@example.jp'), 'FORBIDDEN'],
      ['anonymous', new TestClient(platform.url), 'UNAUTHENTICATED'],
      ['READ_PUBLISHED token', new TestClient(platform.url).withToken(token), 'FORBIDDEN'],
    ];
    for (const [who, client, code] of refused) {
      const response = await client.request<Trail>(TARGET_TRAIL, { id: published.gid });
      expect({ who, codes: errorCodes(response), trail: response.body.data?.node?.auditTrail }).toEqual({
        who,
        codes: [code],
        trail: null,
      });
    }
    // Another ward's draft does not exist for them: null, as for an id that names nothing.
    const draft = await targetOf('DRAFT');
    const outsider = await signedIn('committee.miyamae@example.jp');
    const hidden = await outsider.request(TARGET_TRAIL, { id: draft.gid });
    expect({ codes: errorCodes(hidden), node: hidden.body.data?.node }).toEqual({ codes: [], node: null });
  });
});

describe('the audit trail of a standard', () => {
  it('shows staff a proposal adopted as the standard, and refuses everyone else', async () => {
    const member = await signedIn('section.nakahara@example.jp');
    const proposal = dataOf(
      await member.request<{ createProposal: { id: string } }>(
        `mutation C($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
        {
          input: {
            title: '記載台に記入例を置く',
            wardId: globalId('Ward', (await db().ward.findUniqueOrThrow({ where: { code: 'nakahara' } })).id),
          },
        },
      ),
    ).createProposal;
    const standard = await db().standard.findUniqueOrThrow({ where: { code: 'S-03' } });
    const admin = await signedIn('admin@example.jp');
    dataOf(
      await admin.request(
        `mutation S($input: ChangeProposalStatusInput!) { changeProposalStatus(input: $input) { id } }`,
        { input: { id: proposal.id, status: 'ADOPTED_AS_STANDARD', standardId: globalId('Standard', standard.id) } },
      ),
    );
    const id = globalId('Standard', standard.id);
    // Any staff member reads a standard's trail (standards are city-wide); wards by name.
    const reader = await signedIn('section.miyamae@example.jp');
    const entry = dataOf(await reader.request<Trail>(STANDARD_TRAIL, { id })).node!.auditTrail!.edges[0]!.node;
    expect(entry).toMatchObject({ action: 'standard.link_origin_proposal', actor: { displayName: '木村 直子' } });
    expect(entry.changes).toContainEqual({ field: 'originProposal', before: null, after: '記載台に記入例を置く' });
    if (standard.originWardId === null) {
      expect(entry.changes).toContainEqual({ field: 'originWardId', before: null, after: '中原区' });
    }

    const anonymous = await new TestClient(platform.url).request<Trail>(STANDARD_TRAIL, { id });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.body.data?.node?.auditTrail).toBeNull();
    expect(await db().auditRecord.count({ where: { subjectId: standard.id } })).toBeGreaterThan(0);
    expect(rowId(id)).toBe(standard.id);
  });
});

describe('the audit trail of a problem', () => {
  it('follows the problem: its ward’s staff read it, another ward’s do not', async () => {
    const member = await signedIn('section.nakahara@example.jp');
    const ward = globalId('Ward', (await db().ward.findUniqueOrThrow({ where: { code: 'nakahara' } })).id);
    const problem = dataOf(
      await member.request<{ createProblem: { id: string } }>(
        `mutation C($input: CreateProblemInput!) { createProblem(input: $input) { id } }`,
        { input: { title: '案内が見えにくい', wardId: ward } },
      ),
    ).createProblem;
    dataOf(
      await member.request(`mutation U($input: UpdateProblemInput!) { updateProblem(input: $input) { id } }`, {
        input: { id: problem.id, title: '2階の案内が見えにくい' },
      }),
    );
    const TRAIL = TARGET_TRAIL.replace('ImprovementTarget', 'Problem');
    const chair = await signedIn('chair.nakahara@example.jp');
    const edges = dataOf(await chair.request<Trail>(TRAIL, { id: problem.id })).node!.auditTrail!.edges;
    expect(edges.map((e) => e.node.action)).toEqual(['problem.update', 'problem.create']);
    expect(edges[0]!.node.changes).toEqual([
      { field: 'title', before: '案内が見えにくい', after: '2階の案内が見えにくい' },
    ]);
    expect(edges[1]!.node.changes).toContainEqual({ field: 'wardId', before: null, after: '中原区' });
    const outsider = await signedIn('committee.miyamae@example.jp');
    const hidden = await outsider.request(TRAIL, { id: problem.id });
    expect({ codes: errorCodes(hidden), node: hidden.body.data?.node }).toEqual({ codes: [], node: null });
  });
});
