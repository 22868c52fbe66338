// Problems (課題) and proposals (改善提案): recorded by staff, decided on, and refused to everyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, globalId, rowId, TestClient } from '../../test/client.ts';
import { eventually, subscribe } from '../../test/live.ts';
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

async function ids() {
  const ward = async (code: string) => (await db().ward.findUniqueOrThrow({ where: { code } })).id;
  const section = async (wardCode: string, code: string) =>
    (await db().section.findFirstOrThrow({ where: { code, ward: { code: wardCode } } })).id;
  const standard = async (code: string) => (await db().standard.findUniqueOrThrow({ where: { code } })).id;
  const principle = async (key: string) =>
    (await db().principle.findFirstOrThrow({ where: { key, version: { code: 'H24.3' } } })).id;
  const target = async (wardCode: string, state: 'DRAFT' | 'PUBLISHED') =>
    (
      await db().improvementTarget.findFirstOrThrow({
        where: { state, section: { ward: { code: wardCode } } },
        orderBy: { id: 'asc' },
      })
    ).id;
  return {
    nakahara: globalId('Ward', await ward('nakahara')),
    miyamae: globalId('Ward', await ward('miyamae')),
    nakaharaCitizens: globalId('Section', await section('nakahara', 'citizens')),
    miyamaeCitizens: globalId('Section', await section('miyamae', 'citizens')),
    standard: globalId('Standard', await standard('S-02')),
    otherStandard: globalId('Standard', await standard('H-01')),
    principle: globalId('Principle', await principle('CITIZENS_PERSPECTIVE')),
    nakaharaTarget: globalId('ImprovementTarget', await target('nakahara', 'DRAFT')),
    miyamaeDraft: globalId('ImprovementTarget', await target('miyamae', 'DRAFT')),
  };
}

const CREATE_PROBLEM = `mutation C($input: CreateProblemInput!) {
  createProblem(input: $input) { id title status origin ward { code } section { code } standards { code } principles { key } viewerCanEdit }
}`;
const UPDATE_PROBLEM = `mutation U($input: UpdateProblemInput!) { updateProblem(input: $input) { id title ward { code } section { code } } }`;
const PROBLEM_STATUS = `mutation S($input: ChangeProblemStatusInput!) { changeProblemStatus(input: $input) { id status declineReason standards { code } } }`;
const CREATE_PROPOSAL = `mutation C($input: CreateProposalInput!) { createProposal(input: $input) { id status problem { id } } }`;
const UPDATE_PROPOSAL = `mutation U($input: UpdateProposalInput!) { updateProposal(input: $input) { id title } }`;
const PROPOSAL_STATUS = `mutation S($input: ChangeProposalStatusInput!) {
  changeProposalStatus(input: $input) { id status declineReason adoptedAsTargets { id } adoptedAsStandards { code } }
}`;

describe('recording problems and proposals', () => {
  it('lets a section member record a problem of their ward, with its standards and principles, and find it by filters', async () => {
    const i = await ids();
    const member = await signedIn('section.nakahara@example.jp');
    const problem = dataOf(
      await member.request<{ createProblem: { id: string } }>(CREATE_PROBLEM, {
        input: {
          title: '繁忙期の待ち時間が長い',
          body: '3月・4月は2時間近く待つ方がいる。',
          sectionId: i.nakaharaCitizens,
          standardIds: [i.standard],
          principleIds: [i.principle],
        },
      }),
    ).createProblem;
    expect(problem).toMatchObject({
      status: 'OPEN',
      origin: 'DIRECT',
      ward: { code: 'nakahara' },
      section: { code: 'citizens' },
      standards: [{ code: 'S-02' }],
      principles: [{ key: 'CITIZENS_PERSPECTIVE' }],
      viewerCanEdit: true,
    });
    expect(await db().auditRecord.count({ where: { subjectId: rowId(problem.id), action: 'problem.create' } })).toBe(1);

    // The ward's staff and city-wide roles read it; the filters narrow the list.
    const LIST = `query L($ward: ID, $status: ProblemStatus, $standard: ID, $principle: ID) {
      problems(first: 50, wardId: $ward, status: $status, standardId: $standard, principleId: $principle) { edges { node { id viewerCanEdit } } }
    }`;
    type List = { problems: { edges: { node: { id: string; viewerCanEdit: boolean } }[] } };
    const committee = await signedIn('committee.nakahara@example.jp');
    const seen = dataOf(await committee.request<List>(LIST, { ward: i.nakahara, standard: i.standard })).problems.edges;
    expect(seen.map((e) => e.node)).toEqual([{ id: problem.id, viewerCanEdit: true }]);
    const director = await signedIn('director@example.jp');
    expect(
      dataOf(await director.request<List>(LIST, { ward: i.nakahara, standard: i.standard })).problems.edges.map(
        (e) => e.node.id,
      ),
    ).toEqual([problem.id]);
    expect(dataOf(await committee.request<List>(LIST, { ward: i.miyamae })).problems.edges).toEqual([]);
    expect(
      dataOf(await committee.request<List>(LIST, { principle: i.principle, status: 'DECLINED' })).problems.edges,
    ).toEqual([]);
    expect(errorCodes(await new TestClient(platform.url).request(LIST))).toEqual(['UNAUTHENTICATED']);

    // Another ward's staff do not see it in a list, and by id it is null, as if it did not exist.
    const other = await signedIn('committee.miyamae@example.jp');
    expect(dataOf(await other.request<List>(LIST, { ward: i.nakahara })).problems.edges).toEqual([]);
    expect(dataOf(await other.request<List>(LIST)).problems.edges.some((e) => e.node.id === problem.id)).toBe(false);
    const byId = await other.request(`query N($id: ID!) { node(id: $id) { id } }`, { id: problem.id });
    expect({ codes: errorCodes(byId), data: byId.body.data }).toEqual({ codes: [], data: { node: null } });

    // Declining needs a reason; reopening clears it; adopting as a standard is for directors.
    expect(errorCodes(await member.request(PROBLEM_STATUS, { input: { id: problem.id, status: 'DECLINED' } }))).toEqual(
      ['BAD_USER_INPUT'],
    );
    const declined = dataOf(
      await member.request<{ changeProblemStatus: { status: string; declineReason: string } }>(PROBLEM_STATUS, {
        input: { id: problem.id, status: 'DECLINED', reason: '庁舎改修で解消される見込みのため' },
      }),
    ).changeProblemStatus;
    expect(declined).toMatchObject({ status: 'DECLINED', declineReason: '庁舎改修で解消される見込みのため' });
    expect(
      errorCodes(
        await member.request(PROBLEM_STATUS, {
          input: { id: problem.id, status: 'ADOPTED_AS_TARGET', targetId: i.nakaharaTarget },
        }),
      ),
    ).toEqual(['INVALID_STATE']);
    dataOf(await member.request(PROBLEM_STATUS, { input: { id: problem.id, status: 'OPEN' } }));
    expect(
      errorCodes(
        await member.request(PROBLEM_STATUS, {
          input: { id: problem.id, status: 'ADOPTED_AS_STANDARD', standardId: i.otherStandard },
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    const adopted = dataOf(
      await director.request<{ changeProblemStatus: { status: string; standards: { code: string }[] } }>(
        PROBLEM_STATUS,
        { input: { id: problem.id, status: 'ADOPTED_AS_STANDARD', standardId: i.otherStandard } },
      ),
    ).changeProblemStatus;
    expect(adopted.status).toBe('ADOPTED_AS_STANDARD');
    // What it became is its own link (adoptedStandard), not one more of the standards it relates to.
    expect(adopted.standards.map((s) => s.code)).toEqual(['S-02']);
    expect(await db().problem.findUniqueOrThrow({ where: { id: rowId(problem.id) } })).toMatchObject({
      adoptedStandardId: rowId(i.otherStandard),
      adoptedTargetId: null,
    });
    const audit = await db().auditRecord.findFirstOrThrow({
      where: { subjectId: rowId(problem.id), action: 'problem.change_status' },
      orderBy: { createdAt: 'desc' },
    });
    expect(audit.after).toMatchObject({ status: 'ADOPTED_AS_STANDARD', standardId: rowId(i.otherStandard) });
  });

  it('keeps the target or standard a problem was adopted as, shows it to readers of that target only, and clears it when reopened', async () => {
    const i = await ids();
    const member = await signedIn('section.nakahara@example.jp');
    const ADOPTED = `query N($id: ID!) { node(id: $id) { ... on Problem { status adoptedTarget { id } adoptedStandard { code } } } }`;
    type Adopted = {
      node: { status: string; adoptedTarget: { id: string } | null; adoptedStandard: { code: string } | null };
    };
    // A city-wide record (any staff reads it), adopted as one ward's target.
    const problem = dataOf(
      await member.request<{ createProblem: { id: string } }>(CREATE_PROBLEM, {
        input: { title: '証明書の受け取りがわかりにくい' },
      }),
    ).createProblem;
    dataOf(
      await member.request(PROBLEM_STATUS, {
        input: { id: problem.id, status: 'ADOPTED_AS_TARGET', targetId: i.nakaharaTarget },
      }),
    );
    expect(dataOf(await member.request<Adopted>(ADOPTED, { id: problem.id })).node).toEqual({
      status: 'ADOPTED_AS_TARGET',
      adoptedTarget: { id: i.nakaharaTarget },
      adoptedStandard: null,
    });
    // Another ward's staff read the city-wide problem, but not 中原区's draft target: null, not an error.
    const outsider = await signedIn('section.miyamae@example.jp');
    const seen = await outsider.request<Adopted>(ADOPTED, { id: problem.id });
    expect(errorCodes(seen)).toEqual([]);
    expect(dataOf(seen).node).toMatchObject({ status: 'ADOPTED_AS_TARGET', adoptedTarget: null });

    dataOf(await member.request(PROBLEM_STATUS, { input: { id: problem.id, status: 'OPEN' } }));
    expect(dataOf(await member.request<Adopted>(ADOPTED, { id: problem.id })).node).toEqual({
      status: 'OPEN',
      adoptedTarget: null,
      adoptedStandard: null,
    });
    // Reopening a problem adopted as a standard undoes a directors' decision: directors only.
    const director = await signedIn('director@example.jp');
    dataOf(
      await director.request(PROBLEM_STATUS, {
        input: { id: problem.id, status: 'ADOPTED_AS_STANDARD', standardId: i.otherStandard },
      }),
    );
    const before = await db().problem.findUniqueOrThrow({ where: { id: rowId(problem.id) } });
    expect(before.adoptedStandardId).toBe(rowId(i.otherStandard));
    expect(errorCodes(await member.request(PROBLEM_STATUS, { input: { id: problem.id, status: 'OPEN' } }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await db().problem.findUniqueOrThrow({ where: { id: rowId(problem.id) } })).toEqual(before);
    const reopened = await director.request<{ changeProblemStatus: { status: string } }>(PROBLEM_STATUS, {
      input: { id: problem.id, status: 'OPEN' },
    });
    expect(dataOf(reopened).changeProblemStatus.status).toBe('OPEN');
    expect(await db().problem.findUniqueOrThrow({ where: { id: rowId(problem.id) } })).toMatchObject({
      adoptedTargetId: null,
      adoptedStandardId: null,
    });
  });

  it('links a proposal adopted as a target through the target’s origin, and unlinks it when reopened', async () => {
    const i = await ids();
    const member = await signedIn('section.nakahara@example.jp');
    const problem = dataOf(
      await member.request<{ createProblem: { id: string } }>(CREATE_PROBLEM, {
        input: { title: '案内表示が分かりにくい' },
      }),
    ).createProblem;
    const proposal = dataOf(
      await member.request<{ createProposal: { id: string; problem: { id: string } } }>(CREATE_PROPOSAL, {
        input: { title: 'フロア案内係を置く', problemId: problem.id },
      }),
    ).createProposal;
    expect(proposal.problem.id).toBe(problem.id);
    const targetRow = rowId(i.nakaharaTarget);
    const versionBefore = (await db().improvementTarget.findUniqueOrThrow({ where: { id: targetRow } })).version;

    // Another ward's draft target is not even found.
    expect(
      errorCodes(
        await member.request(PROPOSAL_STATUS, {
          input: { id: proposal.id, status: 'ADOPTED_AS_TARGET', targetId: i.miyamaeDraft },
        }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(await member.request(PROPOSAL_STATUS, { input: { id: proposal.id, status: 'ADOPTED_AS_TARGET' } })),
    ).toEqual(['BAD_USER_INPUT']);

    const adopted = dataOf(
      await member.request<{ changeProposalStatus: { status: string; adoptedAsTargets: { id: string }[] } }>(
        PROPOSAL_STATUS,
        { input: { id: proposal.id, status: 'ADOPTED_AS_TARGET', targetId: i.nakaharaTarget } },
      ),
    ).changeProposalStatus;
    expect(adopted).toEqual({
      id: proposal.id,
      status: 'ADOPTED_AS_TARGET',
      declineReason: null,
      adoptedAsTargets: [{ id: i.nakaharaTarget }],
      adoptedAsStandards: [],
    });
    const linked = await db().improvementTarget.findUniqueOrThrow({ where: { id: targetRow } });
    expect(linked).toMatchObject({ originProposalId: rowId(proposal.id), version: versionBefore + 1 });
    // Staff of another ward read the city-wide proposal but not the draft target it became.
    const outsider = await signedIn('section.miyamae@example.jp');
    const seen = dataOf(
      await outsider.request<{ node: { adoptedAsTargets: unknown[] } }>(
        `query N($id: ID!) { node(id: $id) { ... on Proposal { adoptedAsTargets { id } } } }`,
        { id: proposal.id },
      ),
    ).node;
    expect(seen.adoptedAsTargets).toEqual([]);

    expect(
      errorCodes(
        await member.request(PROPOSAL_STATUS, { input: { id: proposal.id, status: 'DECLINED', reason: '理由' } }),
      ),
    ).toEqual(['INVALID_STATE']);
    const reopened = dataOf(
      await member.request<{ changeProposalStatus: { status: string; adoptedAsTargets: unknown[] } }>(PROPOSAL_STATUS, {
        input: { id: proposal.id, status: 'OPEN' },
      }),
    ).changeProposalStatus;
    expect(reopened).toMatchObject({ status: 'OPEN', adoptedAsTargets: [] });
    expect((await db().improvementTarget.findUniqueOrThrow({ where: { id: targetRow } })).originProposalId).toBeNull();

    // Adopted as a standard by the policy department: the standard keeps where it came from.
    const admin = await signedIn('admin@example.jp');
    const asStandard = dataOf(
      await admin.request<{ changeProposalStatus: { adoptedAsStandards: { code: string }[] } }>(PROPOSAL_STATUS, {
        input: { id: proposal.id, status: 'ADOPTED_AS_STANDARD', standardId: i.otherStandard },
      }),
    ).changeProposalStatus;
    expect(asStandard.adoptedAsStandards).toEqual([{ code: 'H-01' }]);
    const standard = await db().standard.findUniqueOrThrow({ where: { id: rowId(i.otherStandard) } });
    expect(standard.originProposalId).toBe(rowId(proposal.id));
    // A section member may not undo the standard's link.
    expect(errorCodes(await member.request(PROPOSAL_STATUS, { input: { id: proposal.id, status: 'OPEN' } }))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('refuses bad input: long titles, a section of another ward, unknown links', async () => {
    const i = await ids();
    const member = await signedIn('section.nakahara@example.jp');
    const count = await db().problem.count();
    expect(errorCodes(await member.request(CREATE_PROBLEM, { input: { title: 'x'.repeat(201) } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      errorCodes(
        await member.request(CREATE_PROBLEM, {
          input: { title: '食い違い', wardId: i.nakahara, sectionId: i.miyamaeCitizens },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(
        await member.request(CREATE_PROBLEM, {
          input: { title: '不明な基準', standardIds: [globalId('Standard', '01900000-0000-7000-8000-000000000000')] },
        }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await member.request(UPDATE_PROBLEM, {
          input: { id: globalId('Problem', '01900000-0000-7000-8000-000000000000'), title: '不明' },
        }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(await db().problem.count()).toBe(count);
  });
});

describe('who may write problems and proposals', () => {
  // Creating in another ward is refused; another ward's existing records are not even found.
  const DENIED: [string, string | null, { create: string; change: string }][] = [
    ['anonymous', null, { create: 'UNAUTHENTICATED', change: 'UNAUTHENTICATED' }],
    ['section member (宮前区)', 'section.miyamae@example.jp', { create: 'FORBIDDEN', change: 'NOT_FOUND' }],
    ['committee member (宮前区)', 'committee.miyamae@example.jp', { create: 'FORBIDDEN', change: 'NOT_FOUND' }],
    ['ward mayor (宮前区)', 'mayor.miyamae@example.jp', { create: 'FORBIDDEN', change: 'NOT_FOUND' }],
  ];
  const ALLOWED: string[] = [
    'section.nakahara@example.jp',
    'committee.nakahara@example.jp',
    'mayor.nakahara@example.jp',
    'director@example.jp',
    'admin@example.jp',
  ];

  async function snapshot() {
    return JSON.stringify([
      await db().problem.findMany({ orderBy: { id: 'asc' } }),
      await db().proposal.findMany({ orderBy: { id: 'asc' } }),
      await db().problemStandard.findMany({ orderBy: [{ problemId: 'asc' }, { standardId: 'asc' }] }),
      await db().improvementTarget.findMany({ orderBy: { id: 'asc' }, select: { id: true, originProposalId: true } }),
    ]);
  }

  it('lets only the ward’s staff and city-wide roles write a ward’s records (every mutation, nothing changes when refused)', async () => {
    const i = await ids();
    const owner = await signedIn('section.nakahara@example.jp');
    const problem = dataOf(
      await owner.request<{ createProblem: { id: string } }>(CREATE_PROBLEM, {
        input: { title: '権限確認用の課題', wardId: i.nakahara },
      }),
    ).createProblem;
    const proposal = dataOf(
      await owner.request<{ createProposal: { id: string } }>(CREATE_PROPOSAL, {
        input: { title: '権限確認用の提案', wardId: i.nakahara },
      }),
    ).createProposal;
    const attempts: [string, string, Record<string, unknown>][] = [
      ['createProblem', CREATE_PROBLEM, { title: '無断の課題', wardId: i.nakahara }],
      ['updateProblem', UPDATE_PROBLEM, { id: problem.id, title: '改ざん' }],
      ['changeProblemStatus', PROBLEM_STATUS, { id: problem.id, status: 'DECLINED', reason: '無断' }],
      ['createProposal', CREATE_PROPOSAL, { title: '無断の提案', wardId: i.nakahara }],
      ['updateProposal', UPDATE_PROPOSAL, { id: proposal.id, title: '改ざん' }],
      [
        'changeProposalStatus',
        PROPOSAL_STATUS,
        { id: proposal.id, status: 'ADOPTED_AS_TARGET', targetId: i.nakaharaTarget },
      ],
    ];
    const before = await snapshot();
    for (const [role, email, code] of DENIED) {
      const client = email ? await signedIn(email) : new TestClient(platform.url);
      for (const [mutation, query, input] of attempts) {
        const codes = errorCodes(await client.request(query, { input }));
        const expected = mutation.startsWith('create') ? code.create : code.change;
        expect({ role, mutation, codes }).toEqual({ role, mutation, codes: [expected] });
      }
    }
    // Moving a record into another ward needs permission there too.
    expect(errorCodes(await owner.request(UPDATE_PROBLEM, { input: { id: problem.id, wardId: i.miyamae } }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await snapshot()).toBe(before);

    for (const email of ALLOWED) {
      const client = await signedIn(email);
      dataOf(await client.request(UPDATE_PROBLEM, { input: { id: problem.id, title: `更新: ${email}` } }));
      dataOf(await client.request(UPDATE_PROPOSAL, { input: { id: proposal.id, title: `更新: ${email}` } }));
    }
  });
});

describe('live problems and proposals', () => {
  type ProblemEvent = {
    change: string;
    problem: { title: string; status: string; adoptedTarget: { id: string } | null };
  };
  const PROBLEMS = `subscription S($ward: ID) { problemChanged(wardId: $ward) { change problem { title status adoptedTarget { id } } } }`;

  it('tells staff as problems are recorded, edited, adopted, reopened and declined, each as the subscriber may read it', async () => {
    const i = await ids();
    const member = await signedIn('section.nakahara@example.jp');
    const chair = await subscribe<ProblemEvent>(
      platform.url,
      { cookie: (await signedIn('chair.nakahara@example.jp')).cookie },
      PROBLEMS,
      { ward: i.nakahara },
    );
    const otherWard = await subscribe<ProblemEvent>(
      platform.url,
      { cookie: (await signedIn('section.miyamae@example.jp')).cookie },
      PROBLEMS,
    );
    const onlyMiyamae = await subscribe<ProblemEvent>(
      platform.url,
      { cookie: (await signedIn('committee.miyamae@example.jp')).cookie },
      PROBLEMS,
      { ward: i.miyamae },
    );

    const problem = dataOf(
      await member.request<{ createProblem: { id: string } }>(CREATE_PROBLEM, {
        input: { title: 'ライブ: 案内が見えにくい', sectionId: i.nakaharaCitizens },
      }),
    ).createProblem;
    dataOf(await member.request(UPDATE_PROBLEM, { input: { id: problem.id, title: 'ライブ: 案内表示が見えにくい' } }));
    dataOf(
      await member.request(PROBLEM_STATUS, {
        input: { id: problem.id, status: 'ADOPTED_AS_TARGET', targetId: i.nakaharaTarget },
      }),
    );
    dataOf(await member.request(PROBLEM_STATUS, { input: { id: problem.id, status: 'OPEN' } }));
    dataOf(
      await member.request(PROBLEM_STATUS, { input: { id: problem.id, status: 'DECLINED', reason: '改修で解消' } }),
    );
    await eventually(() => chair.events.length >= 5);

    expect(chair.events.map((e) => e.change)).toEqual(['CREATED', 'EDITED', 'ADOPTED', 'REOPENED', 'DECLINED']);
    // The chair may read 中原区's draft target.
    const adoptedFor = (events: ProblemEvent[]) => events.find((e) => e.change === 'ADOPTED')!.problem;
    expect(adoptedFor(chair.events).adoptedTarget).toEqual({ id: i.nakaharaTarget });
    // 宮前区's staff may not read 中原区's problems: none of these, and no errors either.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(otherWard.events).toEqual([]);
    expect(otherWard.errors).toEqual([]);
    expect(onlyMiyamae.events).toEqual([]);
    await Promise.all([chair.dispose(), otherWard.dispose(), onlyMiyamae.dispose()]);
  });

  it('refuses subscribers who may not read problems, and delivers them nothing', async () => {
    const i = await ids();
    const owner = await signedIn('section.nakahara@example.jp');
    const { token } = dataOf(
      await owner.request<{ createApiToken: { token: string } }>(
        `mutation { createApiToken(input: { name: "published only", scopes: [READ_PUBLISHED] }) { token } }`,
      ),
    ).createApiToken;
    const tool = await subscribe<ProblemEvent>(platform.url, { token }, PROBLEMS);
    const anonymous = await subscribe<ProblemEvent>(platform.url, {}, PROBLEMS);
    const proposals = await subscribe<unknown>(
      platform.url,
      { token },
      `subscription { proposalChanged { change proposal { title } } }`,
    );
    dataOf(
      await owner.request(CREATE_PROBLEM, { input: { title: 'ライブ: 届かないはず', sectionId: i.nakaharaCitizens } }),
    );
    dataOf(await owner.request(CREATE_PROPOSAL, { input: { title: 'ライブ: 届かない提案' } }));
    await eventually(() => tool.errors.length > 0 && anonymous.errors.length > 0 && proposals.errors.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(JSON.stringify(tool.errors)).toContain('FORBIDDEN');
    expect(JSON.stringify(proposals.errors)).toContain('FORBIDDEN');
    expect(JSON.stringify(anonymous.errors)).toContain('UNAUTHENTICATED');
    expect([...tool.events, ...anonymous.events, ...proposals.events]).toEqual([]);
    await Promise.all([tool.dispose(), anonymous.dispose(), proposals.dispose()]);
  });

  it('tells staff of proposals adopted as a target', async () => {
    const i = await ids();
    const member = await signedIn('section.nakahara@example.jp');
    const watcher = await subscribe<{ change: string; proposal: { title: string } }>(
      platform.url,
      { cookie: member.cookie },
      `subscription { proposalChanged { change proposal { title } } }`,
    );
    const proposal = dataOf(
      await member.request<{ createProposal: { id: string } }>(CREATE_PROPOSAL, {
        input: { title: 'ライブ: 番号表示を大きく', sectionId: i.nakaharaCitizens },
      }),
    ).createProposal;
    const target = await db().improvementTarget.create({
      data: {
        sectionId: rowId(i.nakaharaCitizens),
        fiscalYear: 2026,
        title: '番号表示の改善',
        description: '',
      },
    });
    dataOf(
      await member.request(PROPOSAL_STATUS, {
        input: { id: proposal.id, status: 'ADOPTED_AS_TARGET', targetId: globalId('ImprovementTarget', target.id) },
      }),
    );
    await eventually(() => watcher.events.length >= 2);
    expect(watcher.events).toEqual([
      { change: 'CREATED', proposal: { title: 'ライブ: 番号表示を大きく' } },
      { change: 'ADOPTED', proposal: { title: 'ライブ: 番号表示を大きく' } },
    ]);
    await watcher.dispose();
  });
});
