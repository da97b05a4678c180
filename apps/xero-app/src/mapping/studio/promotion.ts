import type { ReferenceData } from '@ledgerbridge/canonical';
import type { MappingConfig } from '../mapping-config.ts';

export type NameKind = 'account' | 'bank' | 'tax' | 'tracking';

/** Something a mapping names in Xero, and where the mapping names it. */
export type Named = { readonly kind: NameKind; readonly value: string; readonly paths: readonly string[] };

export type Missing = Named & {
  /** What it is called in the source organisation, when known. */
  readonly sourceName: string | undefined;
  /** Target candidates, best first. */
  readonly candidates: ReadonlyArray<{
    readonly value: string;
    readonly label: string;
    readonly score: number;
  }>;
};

const trackingKey = (category: string, option: string) => `${category}: ${option}`;

/** Every account, bank account, tax type and tracking option a mapping names. */
export function namesIn(config: MappingConfig): Named[] {
  const found = new Map<string, { kind: NameKind; value: string; paths: string[] }>();
  const add = (kind: NameKind, value: string | undefined, path: string) => {
    if (!value) return;
    const key = `${kind}\u0000${value}`;
    const entry = found.get(key) ?? { kind, value, paths: [] };
    entry.paths.push(path);
    found.set(key, entry);
  };
  for (const key of ['sales', 'shipping', 'fees', 'discounts', 'rounding', 'salesTaxLiability'] as const)
    add('account', config.accounts[key], `accounts.${key}`);
  for (const [i, r] of config.accounts.rules.entries())
    add('account', r.account, `accounts.rules.${i}.account`);
  add('bank', config.payments.defaultAccount, 'payments.defaultAccount');
  for (const [k, v] of Object.entries(config.payments.byGateway)) add('bank', v, `payments.byGateway.${k}`);
  for (const [k, v] of Object.entries(config.payments.byMethod)) add('bank', v, `payments.byMethod.${k}`);
  for (const [k, v] of Object.entries(config.tax.byClass)) add('tax', v, `tax.byClass.${k}`);
  add('tax', config.tax.exempt, 'tax.exempt');
  add('tax', config.tax.none, 'tax.none');
  for (const [i, t] of config.tracking.defaults.entries())
    add('tracking', trackingKey(t.category, t.option), `tracking.defaults.${i}`);
  config.transforms.forEach((t, i) => {
    if (t.target === 'tracking') add('tracking', trackingKey(t.category, t.option), `transforms.${i}`);
  });
  return [...found.values()];
}

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9%]+/)
      .filter((w) => w.length > 1),
  );
}

/** 0..1: how alike two names are (shared words over all words), 1 when equal ignoring case. */
export function nameSimilarity(a: string, b: string): number {
  if (a.trim().toLowerCase() === b.trim().toLowerCase()) return 1;
  const x = words(a);
  const y = words(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  const all = new Set([...x, ...y]).size;
  return all === 0 ? 0 : shared / all;
}

type Option = { value: string; label: string; name: string; type?: string; rate?: string };

function options(kind: NameKind, reference: ReferenceData): Option[] {
  switch (kind) {
    case 'account':
      return reference.accounts
        .filter((a) => a.active && !a.systemAccount && a.type !== 'BANK')
        .map((a) => ({ value: a.code, label: `${a.code} — ${a.name}`, name: a.name, type: a.type }));
    case 'bank':
      return reference.accounts
        .filter((a) => a.active && (a.type === 'BANK' || a.acceptsPayments))
        .map((a) => ({ value: a.code, label: `${a.code} — ${a.name}`, name: a.name, type: a.type }));
    case 'tax':
      return reference.taxRates
        .filter((t) => t.active && t.canApplyToRevenue)
        .map((t) => ({
          value: t.taxType,
          label: `${t.name} · ${t.ratePercent} % (${t.taxType})`,
          name: t.name,
          rate: t.ratePercent,
        }));
    case 'tracking':
      return reference.trackingCategories
        .filter((c) => c.active)
        .flatMap((c) =>
          c.options
            .filter((o) => o.active)
            .map((o) => ({
              value: trackingKey(c.name, o.name),
              label: trackingKey(c.name, o.name),
              name: trackingKey(c.name, o.name),
            })),
        );
  }
}

function describeSource(kind: NameKind, value: string, source: ReferenceData | undefined) {
  if (!source) return undefined;
  if (kind === 'account' || kind === 'bank') {
    const a = source.accounts.find((x) => x.code === value);
    return a ? { name: a.name, type: a.type } : undefined;
  }
  if (kind === 'tax') {
    const t = source.taxRates.find((x) => x.taxType === value);
    return t ? { name: t.name, rate: t.ratePercent } : undefined;
  }
  return { name: value };
}

/**
 * The dry run of a promotion: what the mapping names that the target organisation lacks, each with
 * target candidates suggested by name (and by account type or tax rate when the source org tells them).
 */
export function dryRun(config: MappingConfig, target: ReferenceData, source?: ReferenceData): Missing[] {
  const missing: Missing[] = [];
  for (const named of namesIn(config)) {
    const available = options(named.kind, target);
    if (available.some((o) => o.value === named.value)) continue;
    const known = describeSource(named.kind, named.value, source);
    const scored = available
      .map((o) => {
        let score = nameSimilarity(known?.name ?? named.value, o.name) * 0.8;
        if (known && 'type' in known && known.type === o.type) score += 0.2;
        if (
          known &&
          'rate' in known &&
          known.rate !== undefined &&
          o.rate !== undefined &&
          Number(known.rate) === Number(o.rate)
        )
          score += 0.2;
        if (
          named.kind === 'tax' &&
          known &&
          'name' in known &&
          /gst|vat|sales|output/i.test(known.name) &&
          /gst|vat|sales|output/i.test(o.name)
        )
          score += 0.1;
        return { value: o.value, label: o.label, score: Math.min(1, Math.round(score * 100) / 100) };
      })
      .sort((a, b) => b.score - a.score || a.value.localeCompare(b.value));
    missing.push({ ...named, sourceName: known?.name, candidates: scored });
  }
  return missing;
}

/** The mapping with names replaced by the translation table (kind + old value → new value). */
export function translate(config: MappingConfig, table: ReadonlyMap<string, string>): MappingConfig {
  const swap = (kind: NameKind, value: string) => table.get(translationKey(kind, value)) ?? value;
  const swapTracking = (t: { category: string; option: string }) => {
    const next = table.get(translationKey('tracking', trackingKey(t.category, t.option)));
    if (!next) return t;
    const at = next.indexOf(': ');
    return { category: next.slice(0, at), option: next.slice(at + 2) };
  };
  const mapValues = (record: Record<string, string>, kind: NameKind) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, swap(kind, v)]));
  return {
    ...config,
    accounts: {
      ...config.accounts,
      sales: swap('account', config.accounts.sales),
      shipping: swap('account', config.accounts.shipping),
      fees: swap('account', config.accounts.fees),
      discounts: swap('account', config.accounts.discounts),
      rounding: swap('account', config.accounts.rounding),
      ...(config.accounts.salesTaxLiability
        ? { salesTaxLiability: swap('account', config.accounts.salesTaxLiability) }
        : {}),
      rules: config.accounts.rules.map((r) => ({ ...r, account: swap('account', r.account) })),
    },
    payments: {
      defaultAccount: swap('bank', config.payments.defaultAccount),
      byGateway: mapValues(config.payments.byGateway, 'bank'),
      byMethod: mapValues(config.payments.byMethod, 'bank'),
    },
    tax: {
      ...config.tax,
      byClass: mapValues(config.tax.byClass, 'tax'),
      exempt: swap('tax', config.tax.exempt),
      none: swap('tax', config.tax.none),
    },
    tracking: { ...config.tracking, defaults: config.tracking.defaults.map(swapTracking) },
    transforms: config.transforms.map((t) => (t.target === 'tracking' ? { ...t, ...swapTracking(t) } : t)),
  };
}

export function translationKey(kind: NameKind, value: string): string {
  return `${kind}:${value}`;
}
