// Shard 2 of 2 of the convergence fuzz (fuzz/convergence.ts): every other seed.
import { fuzzShard } from './convergence.ts';

fuzzShard(1, 2);
