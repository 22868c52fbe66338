// Published results of a ward, counted by achievement level: what a ward's public page draws
// as its summary chart, and what reporting tools compare between wards. Counted in the
// database (one GROUP BY), so the chart covers every result however long the list is.
import { builder } from '../../builder.ts';
import { fiscalYearArg } from '../fiscal-year/fiscal-year.schema.ts';
import { Ward } from '../organisation/organisation.schema.ts';
import { AchievementLevelEnum } from '../target/target.schema.ts';
import { ACHIEVEMENT_LEVELS, publishedResultsWhere } from './result.policy.ts';

interface LevelCount {
  level: (typeof ACHIEVEMENT_LEVELS)[number];
  count: number;
}

const AchievementLevelCount = builder.objectRef<LevelCount>('AchievementLevelCount').implement({
  description: 'How many published results reached one achievement level.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    level: t.field({ type: AchievementLevelEnum, description: 'The achievement level.', resolve: (c) => c.level }),
    score: t.int({
      description: 'The level as its number on the city’s scale: 1 (greatly exceeded) … 5 (greatly below).',
      resolve: (c) => ACHIEVEMENT_LEVELS.indexOf(c.level) + 1,
    }),
    count: t.exposeInt('count', { description: 'Published results at this level.' }),
  }),
});

builder.prismaObjectFields(Ward, (t) => ({
  resultSummary: t.field({
    type: [AchievementLevelCount],
    description:
      'Public. The ward’s published results of a fiscal year (published targets whose result is published), counted by achievement level: all five levels, best first, zeros included.',
    args: { fiscalYear: t.arg.int({ required: true, description: 'The fiscal year.', validate: fiscalYearArg }) },
    resolve: async (ward, { fiscalYear }, ctx) => {
      const groups = await ctx.db.targetResult.groupBy({
        by: ['achievementLevel'],
        where: publishedResultsWhere(ward.id, fiscalYear),
        _count: { _all: true },
      });
      return ACHIEVEMENT_LEVELS.map((level) => ({
        level,
        count: groups.find((g) => g.achievementLevel === level)?._count._all ?? 0,
      }));
    },
  }),
}));
