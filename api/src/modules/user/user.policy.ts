import type { ApiTokenScope } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';

/** Email addresses and memberships are visible to the person themselves and to the city's administrators. */
export function canReadUserPrivateFields(viewer: Viewer, user: { id: string }): boolean {
  return viewer.user?.id === user.id || viewer.hasRole('POLICY_ADMIN');
}

/**
 * A token never reads more than its creator: READ_ALL needs city-wide read access,
 * READ_WARD a ward the creator belongs to. Only staff in a browser session create tokens.
 */
export function canCreateToken(
  viewer: Viewer,
  input: { scopes: readonly ApiTokenScope[]; wardId: string | null },
): boolean {
  if (!viewer.canWrite || !viewer.isStaff) return false;
  if (input.scopes.includes('READ_ALL') && !viewer.readsAll) return false;
  if (input.scopes.includes('READ_WARD')) {
    if (!input.wardId || !viewer.canReadWard(input.wardId)) return false;
  } else if (input.wardId) {
    return false;
  }
  return input.scopes.length > 0;
}
