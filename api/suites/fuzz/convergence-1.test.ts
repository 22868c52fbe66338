// Shard 1 of 2 of the convergence fuzz (fuzz/convergence.ts): every other seed.
import { fuzzShard } from './convergence.ts';

fuzzShard(0, 2);
