// The March review is the directors' meeting's and the policy department's workspace.
import { requireManager } from './review.server';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
  requireManager(event);
  return {};
};
