import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import {
  HomeFiscalYear,
  HomeReviews,
  HomeSectionTargets,
  HomeWard,
  type HomeReviewTarget,
  type HomeTarget,
  type HomeWardData,
} from '$lib/server/queries/staff-home';
import { membershipWard } from '$lib/server/queries/viewer';
import { WardStates } from '$lib/server/queries/reports';
import type { PageServerLoad } from './$types';

const SECTION_ROLES = new Set(['SECTION_MEMBER', 'SECTION_HEAD']);
const COMMITTEE_ROLES = new Set(['COMMITTEE_MEMBER', 'COMMITTEE_CHAIR']);
const WARD_ROLES = new Set(['WARD_MAYOR', 'WARD_COORDINATOR']);
const CITY_ROLES = new Set(['DIRECTOR', 'POLICY_ADMIN']);

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const viewer = event.locals.viewer!;
    const { currentFiscalYear } = await execute(event, HomeFiscalYear);
    const fiscalYear = currentFiscalYear.year;
    const unique = <T>(values: (T | null | undefined)[]) => [...new Set(values.filter((v): v is T => v != null))];

    const sections = unique(viewer.memberships.filter((m) => SECTION_ROLES.has(m.role)).map((m) => m.section?.id)).map(
      (id) => viewer.memberships.find((m) => m.section?.id === id)!.section!,
    );
    const committeeWards = unique(
      viewer.memberships.filter((m) => COMMITTEE_ROLES.has(m.role)).map((m) => membershipWard(m)?.id),
    );
    const wards = unique(viewer.memberships.filter((m) => WARD_ROLES.has(m.role)).map((m) => m.ward?.code)).map(
      (code) => viewer.memberships.find((m) => m.ward?.code === code)!.ward!,
    );

    // The directors' meeting and the policy department compare every ward (one grouped query).
    const cityWide = viewer.memberships.some((m) => CITY_ROLES.has(m.role));
    const [sectionTargets, reviews, wardViews, allWards] = await Promise.all([
      Promise.all(
        sections.map(async (section) => ({
          section,
          targets: (
            await execute(event, HomeSectionTargets, { sectionId: section.id, fiscalYear })
          ).improvementTargets.edges.map((e) => e.node),
        })),
      ),
      Promise.all(committeeWards.map((wardId) => execute(event, HomeReviews, { wardId }))).then((results) =>
        results
          .flatMap((r) => r.improvementTargets.edges.map((e) => e.node))
          .map((target: HomeReviewTarget) => ({
            target,
            round: target.reviewRounds.find((round) => round.status === 'OPEN' && round.viewerCanReview),
          }))
          .filter((r) => r.round !== undefined),
      ),
      Promise.all(
        wards.map(async (ward): Promise<{ ward: NonNullable<HomeWardData['ward']>; targets: HomeTarget[] }> => {
          const data = await execute(event, HomeWard, { wardCode: ward.code, wardId: ward.id, fiscalYear });
          return { ward: data.ward!, targets: data.improvementTargets.edges.map((e) => e.node) };
        }),
      ),
      cityWide ? execute(event, WardStates, { fiscalYear }) : null,
    ]);

    return {
      fiscalYear: currentFiscalYear,
      sectionTargets,
      reviewer: committeeWards.length > 0,
      reviews,
      wardViews,
      wardStates: allWards && {
        wards: allWards.wards.edges.map((e) => e.node),
        counts: allWards.targetCounts.map((c) => ({ wardId: c.ward.id, state: c.state, count: c.count })),
      },
    };
  });
