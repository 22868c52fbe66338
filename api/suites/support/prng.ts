// A small seeded PRNG (sfc32, seeded through splitmix32) for the suites: every random choice
// of a fuzz run comes from it, so a seed names one run's operations, faults and delays.
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i += 1) this.float();
  }

  /** In [0, 1). */
  float(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** A child generator for an independent stream (e.g. one connection's delays). */
  fork(): Prng {
    return new Prng(this.int(0, 0xffffffff));
  }

  /** A short random string of the given alphabet. */
  text(maxLength: number, alphabet = 'あいうえお窓口案内課題改善abcxyz 0123456789'): string {
    const chars = [...alphabet];
    let out = '';
    const n = this.int(1, maxLength);
    for (let i = 0; i < n; i += 1) out += this.pick(chars);
    return out;
  }
}
