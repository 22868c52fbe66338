import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { CurrentGuidelineText } from '$lib/server/queries/guideline';
import type { PageServerLoad } from './$types';

// The guideline in force, for anyone: a pure read, so no JavaScript is shipped.
export const csr = false;

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const data = await execute(event, CurrentGuidelineText);
    const versions = data.guidelineVersions.edges.map((e) => e.node);
    return {
      guideline: data.currentGuideline,
      versions,
      // A draft out for comment is announced here, so citizens find where to comment.
      openForComment: versions.filter((v) => v.status === 'PUBLIC_COMMENT' && v.commentPeriod === 'OPEN'),
    };
  });
