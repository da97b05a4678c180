/**
 * Splits a chunk's orders into at most `count` slices of about equal size, every buyer's orders in one
 * slice: slices planned side by side then never create the same contact.
 * Orders whose buyer is unknown (not read) each count as a buyer of their own.
 */
export function sliceByBuyer(
  orders: ReadonlyArray<{ id: string; buyer: string | undefined }>,
  count: number,
): string[][] {
  const byBuyer = new Map<string, string[]>();
  for (const o of orders) {
    const key = o.buyer ?? `order:${o.id}`;
    const list = byBuyer.get(key);
    if (list) list.push(o.id);
    else byBuyer.set(key, [o.id]);
  }
  const slices: string[][] = Array.from({ length: Math.max(1, count) }, () => []);
  // Largest groups first, each to the smallest slice so far.
  for (const group of [...byBuyer.values()].sort((a, b) => b.length - a.length)) {
    const smallest = slices.reduce((min, s) => (s.length < min.length ? s : min));
    smallest.push(...group);
  }
  return slices.filter((s) => s.length > 0);
}
