/**
 * A small, fast, seedable random source (sfc32, seeded through splitmix32), so a
 * simulation is exactly repeatable for a seed on any machine. Math.random cannot be
 * seeded, and the two runs (without and with the product) must see the same draws.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A generator for one stream. `stream` separates independent uses of one seed (each
 * plan, each actor), so adding a draw in one place does not shift every other draw.
 *
 * @example const r = createRandom(42, 7); r.next() //=> the same number on every run
 */
export function createRandom(seed: number, stream = 0): Random {
  const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return { next };
}

/** A standard normal draw (Box-Muller); uses two uniforms. */
export function standardNormal(r: Random): number {
  const u = 1 - r.next();
  const v = r.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
