import type { SourceField, ValueProfile } from '@ledgerbridge/canonical';

/** One candidate path for a source field, with exact counts from the marketplace's recent orders. */
export type SourcePathCandidate = {
  readonly field: SourceField;
  readonly path: string;
  readonly score: number;
  /** One line: how often the path holds a value and what it holds. */
  readonly explanation: string;
  readonly profile: ValueProfile;
};

type FieldRule = {
  readonly level: ValueProfile['level'];
  /** The path's last names (e.g. `Tax.Code`) read as words. */
  readonly names: RegExp;
  readonly avoid?: RegExp;
  /** How well the values fit (0..1): categorical, unique, boolean… */
  readonly shape: (p: ValueProfile) => number;
};

const ratio = (p: ValueProfile) => (p.of === 0 ? 0 : p.present / p.of);
/** Few distinct values repeated across records: codes and categories. */
const categorical = (p: ValueProfile) =>
  p.present > 1 && p.distinct < p.present ? 1 : p.distinct === 1 ? 0.7 : 0.4;
const textual = (p: ValueProfile) => (p.kinds.includes('boolean') ? 0 : 1);

const rules: Record<SourceField, FieldRule> = {
  taxCode: {
    level: 'line',
    names: /tax.?(code|class|category|type|group)|^tax$|tax\.(code|class|id)|vat.?(code|class)|gst.?code/,
    shape: (p) => textual(p) * categorical(p),
  },
  sku: {
    level: 'line',
    names: /sku|item.?code|part.?(no|number)|product.?code|article|mpn|\bcode$/,
    avoid: /tax|vat|gst|categor|promo|coupon/,
    // SKUs tell products apart: many distinct values.
    shape: (p) => textual(p) * (p.distinct === p.present ? 1 : p.distinct > 1 ? 0.6 : 0.2),
  },
  category: {
    level: 'line',
    names: /categor|department|dept|family|product.?(type|group|line)|collection|class$/,
    avoid: /tax|vat|gst/,
    shape: (p) => textual(p) * categorical(p),
  },
  channel: {
    level: 'order',
    names: /channel|storefront|store|site|source/,
    shape: (p) => textual(p) * categorical(p),
  },
  pricesIncludeTax: {
    level: 'order',
    names: /incl|inclusive|gross|tax.?included|with.?tax/,
    shape: (p) =>
      p.kinds.length === 1 && p.kinds[0] === 'boolean'
        ? 1
        : p.samples.every((s) => /^(true|false)$/i.test(s))
          ? 0.8
          : 0,
  },
  customerNumber: {
    level: 'order',
    names: /customer.?(number|no|id|code)|account.?(number|no|code)|erp|debtor|client.?(number|no|id)/,
    shape: textual,
  },
};

const fieldLabels: Record<SourceField, string> = {
  taxCode: 'tax code',
  sku: 'SKU',
  category: 'category',
  channel: 'sales channel',
  pricesIncludeTax: 'prices-include-tax flag',
  customerNumber: 'customer number',
};

function tail(path: string): string {
  // product.xp.Tax.Code → "tax.code"; the root and "xp" say where, not what.
  return path
    .split('.')
    .slice(2)
    .join('.')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** "on 9 of 12 lines · 3 distinct values · e.g. GST, GST-FREE" — exact counts, the merchant's values. */
export function describeProfile(p: ValueProfile): string {
  const unit = p.level === 'line' ? 'line' : 'order';
  return `on ${p.present} of ${p.of} ${unit}${p.of === 1 ? '' : 's'} · ${p.distinct} distinct value${p.distinct === 1 ? '' : 's'} · e.g. ${p.samples.join(', ')}`;
}

/**
 * Candidate paths per source field from value profiles of recent orders: a path whose name says what it
 * holds, whose values have the right shape (codes repeat, SKUs differ, flags are true/false), present on
 * most records. At most three per field, best first; none when nothing fits.
 */
export function suggestSourcePaths(
  profiles: readonly ValueProfile[],
): Record<SourceField, SourcePathCandidate[]> {
  const out = {} as Record<SourceField, SourcePathCandidate[]>;
  for (const [field, rule] of Object.entries(rules) as Array<[SourceField, FieldRule]>) {
    out[field] = profiles
      .filter((p) => p.level === rule.level && p.present > 0)
      .map((p) => {
        const name = tail(p.path);
        const named = rule.names.test(name) && !rule.avoid?.test(name);
        const shape = rule.shape(p);
        const score = named && shape > 0 ? 0.5 + 0.3 * ratio(p) + 0.2 * shape : 0;
        return {
          field,
          path: p.path,
          score: Math.round(score * 100) / 100,
          explanation: `${describeProfile(p)} — its name and values fit a ${fieldLabels[field]}.`,
          profile: p,
        };
      })
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path))
      .slice(0, 3);
  }
  return out;
}
