// Which year-end results count as public: a published result of a published target. The same
// rule the target and result types apply to anonymous readers, as a database filter.
import type { AchievementLevel, Prisma } from '@shishin/prisma';

/** The city's scale, best first: its index + 1 is the level's number (1 … 5). */
export const ACHIEVEMENT_LEVELS = [
  'GREATLY_EXCEEDED',
  'EXCEEDED',
  'ACHIEVED',
  'BELOW',
  'GREATLY_BELOW',
] as const satisfies readonly AchievementLevel[];

export function publishedResultsWhere(wardId: string, fiscalYear: number): Prisma.TargetResultWhereInput {
  return { state: 'PUBLISHED', target: { state: 'PUBLISHED', fiscalYear, section: { wardId } } };
}
