// The statuses of a problem or proposal, shared by server code and components.
export type ProblemStatus = 'OPEN' | 'ADOPTED_AS_TARGET' | 'ADOPTED_AS_STANDARD' | 'DECLINED';
export const PROBLEM_STATUSES: readonly ProblemStatus[] = [
  'OPEN',
  'ADOPTED_AS_TARGET',
  'ADOPTED_AS_STANDARD',
  'DECLINED',
];
