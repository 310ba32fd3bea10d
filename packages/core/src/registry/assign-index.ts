// A random free entry of a status list (W3C Bitstring Status List: random assignment gives herd privacy, so an
// index says nothing about when or to whom a licence was issued). Random probes while the list is sparse, then a
// scan of the used entries.

export function pickFreeIndex(size: number, isUsed: (i: number) => boolean, used: () => Iterable<number>, random: (n: number) => number, probes = 32): number | undefined {
  for (let t = 0; t < probes; t++) {
    const i = random(size);
    if (!isUsed(i)) return i;
  }
  const taken = new Uint8Array(size);
  let count = 0;
  for (const i of used()) {
    if (i >= 0 && i < size && taken[i] === 0) {
      taken[i] = 1;
      count++;
    }
  }
  const free = size - count;
  if (free <= 0) return undefined;
  // The k-th free entry for a uniform k.
  let k = random(free);
  for (let i = 0; i < size; i++) if (taken[i] === 0 && k-- === 0) return i;
  return undefined;
}
