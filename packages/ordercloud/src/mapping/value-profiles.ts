import type { ValueProfile } from '@ledgerbridge/canonical';

// Value profiles of a marketplace's extended properties (xp), for suggesting where tax codes, SKUs and
// categories live. Only xp is profiled: OrderCloud's own fields are read by the mappers already.

const MAX_DEPTH = 4;
const MAX_PATHS = 200;

type Scalar = string | number | boolean;
type Tally = { present: number; values: Map<string, number>; kinds: Set<'string' | 'number' | 'boolean'> };

function isScalar(value: unknown): value is Scalar {
  return (
    (typeof value === 'string' && value.trim() !== '') ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'boolean'
  );
}

/** Every scalar leaf under `value`, by dotted path (arrays and deeper objects are skipped). */
function leaves(value: unknown, prefix: string, depth: number, out: Map<string, Scalar>, skip: string) {
  if (isScalar(value)) {
    out.set(prefix, value);
    return;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || depth >= MAX_DEPTH) return;
  for (const [key, child] of Object.entries(value)) {
    // Keys that are not identifiers cannot be written as a dotted path.
    if (!/^[A-Za-z_$][\w$]*$/.test(key) || key === skip) continue;
    leaves(child, `${prefix}.${key}`, depth + 1, out, skip);
  }
}

/**
 * Profiles the xp of each record: `roots` name the scope variables to look under (`product` profiles
 * `product.xp`). `skip` is an xp key left out (the app's own namespace). Counts are exact.
 */
export function profileValues(input: {
  records: ReadonlyArray<Record<string, unknown>>;
  roots: readonly string[];
  level: ValueProfile['level'];
  skip?: string;
}): ValueProfile[] {
  const tallies = new Map<string, Tally>();
  for (const record of input.records) {
    const found = new Map<string, Scalar>();
    for (const root of input.roots) {
      const scope = record[root];
      const xp = scope && typeof scope === 'object' ? (scope as { xp?: unknown }).xp : undefined;
      leaves(xp, `${root}.xp`, 0, found, input.skip ?? '');
    }
    for (const [path, value] of found) {
      let tally = tallies.get(path);
      if (!tally) {
        if (tallies.size >= MAX_PATHS) continue;
        tally = { present: 0, values: new Map(), kinds: new Set() };
        tallies.set(path, tally);
      }
      tally.present += 1;
      const text = String(value).trim();
      tally.values.set(text, (tally.values.get(text) ?? 0) + 1);
      tally.kinds.add(typeof value as 'string' | 'number' | 'boolean');
    }
  }
  return [...tallies]
    .map(([path, t]) => ({
      path,
      level: input.level,
      present: t.present,
      of: input.records.length,
      distinct: t.values.size,
      samples: [...t.values]
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .slice(0, 3)
        .map(([v]) => v),
      kinds: [...t.kinds].sort(),
    }))
    .sort((a, b) => b.present - a.present || a.path.localeCompare(b.path));
}
