import type { PublicTarget } from '$lib/server/queries/ward-public';

/** Consecutive targets of one section, in the API's order (ward, section, creation). */
export function groupBySection(
  targets: PublicTarget[],
): { section: PublicTarget['section']; targets: PublicTarget[] }[] {
  const groups: { section: PublicTarget['section']; targets: PublicTarget[] }[] = [];
  for (const target of targets) {
    const last = groups.at(-1);
    if (last && last.section.id === target.section.id) last.targets.push(target);
    else groups.push({ section: target.section, targets: [target] });
  }
  return groups;
}
