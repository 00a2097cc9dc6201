// A small fixed-seed generator (mulberry32) for tests that build data at random, so that a
// failure can be replayed.

export function random(seed: number, { datesFrom = Date.UTC(2024, 5, 1) } = {}) {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
    /** An instant between `datesFrom` and now (nothing happens in the future). */
    date: () => new Date(datesFrom + Math.floor(next() * (Date.now() - datesFrom))),
  }
}
