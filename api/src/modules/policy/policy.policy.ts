import type { PolicyStatus, Prisma } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';

/** A ward's policy is public once published; its draft is for the ward's staff and the city. */
export function canReadPolicy(viewer: Viewer, policy: { status: PolicyStatus; wardId: string }): boolean {
  return policy.status === 'PUBLISHED' || viewer.canReadWard(policy.wardId);
}

export function readablePoliciesWhere(viewer: Viewer): Prisma.ImprovementPolicyWhereInput {
  if (viewer.readsAll) return {};
  const wardIds = [...viewer.readableWardIds()];
  if (wardIds.length === 0) return { status: 'PUBLISHED' };
  return { OR: [{ status: 'PUBLISHED' }, { wardId: { in: wardIds } }] };
}

/** Only the ward's mayor writes its policy. */
export function canEditPolicy(viewer: Viewer, policy: { wardId: string }): boolean {
  return viewer.canWrite && viewer.hasWardRole(policy.wardId, ['WARD_MAYOR']);
}
