import type { ApiTokenScope } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';

/** Email addresses and memberships are visible to the person themselves and to the city's administrators. */
export function canReadUserPrivateFields(viewer: Viewer, user: { id: string }): boolean {
  return viewer.user?.id === user.id || viewer.hasRole('POLICY_ADMIN');
}

/** Why a token may not be created, naming the input field at fault; null when it may. */
export type TokenRefusal =
  | { field: null; reason: 'not-staff' }
  | { field: 'scopes'; reason: 'read-all' | 'no-scope' }
  | { field: 'wardId'; reason: 'ward-required' | 'ward-not-yours' | 'ward-without-read-ward' };

/**
 * A token never reads more than its creator: READ_ALL needs city-wide read access,
 * READ_WARD a ward the creator belongs to. Only staff in a browser session create tokens.
 * The refusal names the field, so a form can say what to change next to it.
 */
export function tokenRefusal(
  viewer: Viewer,
  input: { scopes: readonly ApiTokenScope[]; wardId: string | null },
): TokenRefusal | null {
  if (!viewer.canWrite || !viewer.isStaff) return { field: null, reason: 'not-staff' };
  if (input.scopes.length === 0) return { field: 'scopes', reason: 'no-scope' };
  if (input.scopes.includes('READ_ALL') && !viewer.readsAll) return { field: 'scopes', reason: 'read-all' };
  if (input.scopes.includes('READ_WARD')) {
    if (!input.wardId) return { field: 'wardId', reason: 'ward-required' };
    if (!viewer.canReadWard(input.wardId)) return { field: 'wardId', reason: 'ward-not-yours' };
  } else if (input.wardId) {
    return { field: 'wardId', reason: 'ward-without-read-ward' };
  }
  return null;
}

export function canCreateToken(
  viewer: Viewer,
  input: { scopes: readonly ApiTokenScope[]; wardId: string | null },
): boolean {
  return tokenRefusal(viewer, input) === null;
}
