// Lists page with stable cursors, and a nested read costs a fixed number of SQL statements
// however many rows it returns (no N+1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, TestClient } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
let statements = 0;
beforeAll(async () => {
  platform = await startTestPlatform({ onQuery: () => (statements += 1) });
});
afterAll(async () => {
  await platform?.close();
});

const NESTED = `{
  wards(first: 7) { edges { node { code
    sections(first: 100) { edges { node { name
      targets(first: 25) { edges { node { title state
        standards { code revision(fiscalYear: 2026) { minimumLevel } }
        principles { name }
      } } }
    } } }
  } } }
}`;

type Nested = {
  wards: {
    edges: {
      node: { sections: { edges: { node: { targets: { edges: { node: { standards: unknown[] } }[] } } }[] } };
    }[];
  };
};

function countTargets(data: Nested): number {
  return data.wards.edges.reduce(
    (sum, w) => sum + w.node.sections.edges.reduce((s, sec) => s + sec.node.targets.edges.length, 0),
    0,
  );
}

describe('lists', () => {
  it('pages through sections with cursors, in a stable order, without gaps or repeats', async () => {
    const client = new TestClient(platform.url);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const data: {
        sections: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      } = dataOf(
        await client.request(
          `query P($after: String) { sections(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        ),
      );
      seen.push(...data.sections.edges.map((e) => e.node.id));
      if (!data.sections.pageInfo.hasNextPage) break;
      after = data.sections.pageInfo.endCursor;
    }
    const all = dataOf(
      await client.request<{ sections: { edges: { node: { id: string } }[] } }>(
        `{ sections(first: 100) { edges { node { id } } } }`,
      ),
    );
    expect(seen).toEqual(all.sections.edges.map((e) => e.node.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('a nested read (wards → sections → targets → standards)', () => {
  it('costs the same number of SQL statements with three times the targets', async () => {
    const admin = new TestClient(platform.url);
    dataOf(await admin.signIn('admin@example.jp', TEST_PASSWORD));
    await admin.request(NESTED); // warm-up: session touch, caches

    statements = 0;
    const small = dataOf(await admin.request<Nested>(NESTED));
    const smallCount = statements;
    const smallTargets = countTargets(small);
    expect(smallTargets).toBeGreaterThan(0);

    // Triple the targets, each linked to a standard and a principle.
    const db = platform.database.prisma;
    const existing = await db.improvementTarget.findMany({ include: { standards: true, principles: true } });
    for (let copy = 0; copy < 2; copy += 1) {
      for (const target of existing) {
        await db.improvementTarget.create({
          data: {
            sectionId: target.sectionId,
            fiscalYear: target.fiscalYear,
            state: target.state,
            title: `${target.title} (${copy + 2})`,
            description: target.description,
            standards: { create: target.standards.map((s) => ({ standardId: s.standardId })) },
            principles: { create: target.principles.map((p) => ({ principleId: p.principleId })) },
          },
        });
      }
    }

    statements = 0;
    const large = dataOf(await admin.request<Nested>(NESTED));
    expect(countTargets(large)).toBe(smallTargets * 3);
    expect(statements).toBe(smallCount);
  });
});
