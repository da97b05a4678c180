import type { ReferenceData } from '@ledgerbridge/canonical';
import { confidenceOf, type Suggestion, words } from './suggestion.ts';

/** A tax code as seen on recent orders: the rates it was charged at and on how many lines. */
export type TaxCodeObservation = {
  readonly code: string;
  readonly name?: string;
  /** Effective rates in percent, one per taxed line (numbers: compared, never summed as money). */
  readonly rates: readonly number[];
};

type ZeroKind = 'exempt' | 'zero' | 'excluded';

// Xero's own tax types for sales in each region (its default charts), as region knowledge.
const regional: Record<string, { byRate: Record<string, string>; zero: Record<ZeroKind, string> }> = {
  AU: {
    byRate: { '10': 'OUTPUT' },
    zero: { exempt: 'EXEMPTOUTPUT', zero: 'EXEMPTOUTPUT', excluded: 'BASEXCLUDED' },
  },
  NZ: { byRate: { '15': 'OUTPUT2' }, zero: { exempt: 'NONE', zero: 'ZERORATED', excluded: 'NONE' } },
  GB: {
    byRate: { '20': 'OUTPUT2', '5': 'RROUTPUT' },
    zero: { exempt: 'EXEMPTOUTPUT', zero: 'ZERORATEDOUTPUT', excluded: 'NONE' },
  },
  // US sales tax stacks jurisdiction rates; Xero US books it with "Tax on Sales" (or a liability line).
  US: { byRate: {}, zero: { exempt: 'NONE', zero: 'NONE', excluded: 'NONE' } },
};
const countryAlias: Record<string, string> = { UK: 'GB' };

function zeroKind(text: string): ZeroKind {
  const w = [...words(text)].join(' ');
  if (/excluded|outside|scope|bas|no gst|no vat|none/.test(w)) return 'excluded';
  if (/zero|export|zr/.test(w)) return 'zero';
  return 'exempt';
}

function typical(rates: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const r of rates)
    counts.set(Math.round(r * 1000) / 1000, (counts.get(Math.round(r * 1000) / 1000) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** The Xero TaxType for each tax code seen on orders, from the org's active sales tax rates. */
export function suggestTaxTypes(
  observations: readonly TaxCodeObservation[],
  reference: ReferenceData,
): Suggestion[] {
  const country = countryAlias[reference.organisation.countryCode] ?? reference.organisation.countryCode;
  const region = regional[country];
  const candidates = reference.taxRates.filter((t) => t.active && t.canApplyToRevenue);
  const out: Suggestion[] = [];
  for (const seen of observations) {
    const rate = typical(seen.rates);
    const text = `${seen.code} ${seen.name ?? ''}`;
    const kind = rate === 0 ? zeroKind(text) : undefined;
    const regionalType = rate > 0 ? region?.byRate[String(rate)] : kind ? region?.zero[kind] : undefined;
    const scored = candidates
      .map((t) => {
        const candidateRate = Number(t.ratePercent);
        let score = 0;
        const reasons: string[] = [];
        if (rate > 0 && Math.abs(candidateRate - rate) < 0.001) {
          score += 0.55;
          reasons.push(`has the same rate (${t.ratePercent} %)`);
        }
        if (rate > 0 && country === 'US' && /sales/i.test(t.name) && !/auto/i.test(t.name)) {
          score += 0.45;
          reasons.push('is what Xero US books sales tax with');
        }
        if (rate === 0 && candidateRate === 0) {
          score += 0.3;
          const nameKind = zeroKind(t.name);
          if (nameKind === kind) score += 0.15;
        }
        if (t.taxType === regionalType) {
          score += 0.3;
          reasons.push(`is the usual Xero tax rate for this in ${country}`);
        }
        const shared = [...words(text)].filter((w) => words(t.name).has(w)).length;
        score += Math.min(0.1, shared * 0.05);
        return { t, score, reasons };
      })
      .sort((a, b) => b.score - a.score);
    const [best, second] = scored;
    if (!best || best.score <= 0) continue;
    const seenAs = rate > 0 ? `${rate} %` : `0 % (${kind})`;
    out.push({
      key: `tax:${seen.code}`,
      kind: 'tax',
      subject: seen.code,
      value: best.t.taxType,
      label: `${best.t.name} · ${best.t.ratePercent} % (${best.t.taxType})`,
      confidence: confidenceOf(best.score, second?.score ?? 0),
      explanation: `${seen.code} is charged at ${seenAs} on ${seen.rates.length} recent line${seen.rates.length === 1 ? '' : 's'}; ${best.t.name} ${best.reasons.join(' and ') || 'is the closest sales tax rate'}.`,
    });
  }
  return out;
}
