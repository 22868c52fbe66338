// The example queries of the developer guide, shown on /developers and opened as tabs in
// GraphiQL. They are real documents against schema/schema.graphql: test/unit/developer-examples.test.ts
// validates every one, and the browser test runs the worked example through queryCost.
// Code is the same in both languages; the words around it are in catalogue/developers.ts.

export type ExampleKey = 'achievementByWard' | 'wardTargets' | 'standardChanges';

export interface Example {
  key: ExampleKey;
  query: string;
  /** Variables for the current fiscal year (the calendar year it starts in). */
  variables: (fiscalYear: number) => Record<string, unknown>;
}

// Counted by the API in the database: one row per ward, with the same ward a year earlier.
const achievementByWard = /* GraphQL */ `
  query AchievementByWard($fiscalYear: Int!) {
    fiscalYear(year: $fiscalYear) {
      eraName
      eraNameEn
    }
    achievementRates(groupBy: [WARD], fiscalYear: $fiscalYear) {
      ward {
        code
        name
        nameEn
      }
      targetCount
      resultCount
      achievedCount
      achievementRate
      previousYear {
        resultCount
        achievementRate
      }
      achievementRateChange
    }
  }
`;

const wardTargets = /* GraphQL */ `
  query WardTargetsWithResults($ward: String!, $fiscalYear: Int!) {
    ward(code: $ward) {
      name
      nameEn
      sections(first: 50) {
        edges {
          node {
            name
            nameEn
            targets(fiscalYear: $fiscalYear, first: 50) {
              edges {
                node {
                  title
                  state
                  indicatorName
                  targetValue
                  unit
                  result {
                    achievementLevel
                    achievementScore
                    actualValue
                    evidence
                    state
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

const standardChanges = /* GraphQL */ `
  query StandardsChanged($fromYear: Int!, $toYear: Int!) {
    standardChanges(fromYear: $fromYear, toYear: $toYear) {
      kind
      standard {
        code
        category
      }
      from {
        fiscalYear
        title
        minimumLevel
        aspirationalLevel
      }
      to {
        fiscalYear
        title
        minimumLevel
        aspirationalLevel
        changeNote
      }
    }
  }
`;

export const examples: readonly Example[] = [
  { key: 'achievementByWard', query: achievementByWard, variables: (year) => ({ fiscalYear: year }) },
  { key: 'wardTargets', query: wardTargets, variables: (year) => ({ ward: 'nakahara', fiscalYear: year }) },
  { key: 'standardChanges', query: standardChanges, variables: (year) => ({ fromYear: year - 1, toYear: year }) },
];

export function exampleByKey(key: string | null): Example | undefined {
  return examples.find((example) => example.key === key);
}

/** The worked example of the cost model: 7 wards × 100 sections. Its cost is checked against queryCost. */
export const workedExample = {
  query: /* GraphQL */ `
    query SectionsOfEveryWard {
      wards(first: 7) {
        edges {
          node {
            name
            sections(first: 100) {
              edges {
                node {
                  name
                }
              }
            }
          }
        }
      }
    }
  `,
  cost: 2129,
};

/** The shell snippets; `origin` is this site's, so they can be pasted as they are. */
export function snippets(origin: string, fiscalYear: number) {
  const compact = (query: string) => query.replace(/\s+/g, ' ').trim();
  const getQuery = '{ currentFiscalYear { year eraName eraNameEn } }';
  return {
    post: `curl ${origin}/graphql \\
  -H "Authorization: Bearer $SHISHIN_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '${JSON.stringify({ query: compact(standardChanges), variables: { fromYear: fiscalYear - 1, toYear: fiscalYear } })}'`,
    get: `curl -G ${origin}/graphql \\
  -H "Authorization: Bearer $SHISHIN_TOKEN" \\
  --data-urlencode 'query=${getQuery}'`,
    documentId: `curl ${origin}/graphql \\
  -H "Authorization: Bearer $SHISHIN_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{"documentId": "sha256:<64 hex digits from build/trusted-documents.json>", "variables": {}}'`,
    queryCost: `curl ${origin}/graphql \\
  -H "Content-Type: application/json" \\
  -d '${JSON.stringify({ query: 'query Cost($q: String!) { queryCost(query: $q) { cost maxCost withinLimit } }', variables: { q: compact(workedExample.query) } })}'`,
    headers: `HTTP/1.1 200 OK
x-ratelimit-limit: 2000000
x-ratelimit-remaining: 1997871
x-ratelimit-reset: 1793350800`,
    exportCsv: `${origin}/exports/targets.csv?fiscalYear=${fiscalYear}`,
    exportWard: `${origin}/exports/targets.xlsx?fiscalYear=${fiscalYear}&ward=nakahara&lang=en`,
    exportCurl: `curl -H "Authorization: Bearer $SHISHIN_TOKEN" \\
  -o targets-${fiscalYear}.csv \\
  "${origin}/exports/targets.csv?fiscalYear=${fiscalYear}&ward=nakahara"`,
    subscription: `import { createClient } from 'graphql-ws';
import WebSocket from 'ws'; // Node 20 has no global WebSocket

const client = createClient({
  url: '${origin.replace(/^http/, 'ws')}/graphql',
  webSocketImpl: WebSocket,
  connectionParams: { authorization: \`Bearer \${process.env.SHISHIN_TOKEN}\` },
});

for await (const event of client.iterate({
  query: 'subscription { standardsReviewPublished { fiscalYear } }',
})) {
  console.log(event.data);
}`,
  };
}
