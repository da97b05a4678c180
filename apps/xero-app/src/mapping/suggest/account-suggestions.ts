import type { ReferenceData } from '@ledgerbridge/canonical';
import { confidenceOf, type Suggestion, words } from './suggestion.ts';

type Account = ReferenceData['accounts'][number];
export type CategoryObservation = { readonly category: string; readonly lines: number };

const revenueTypes = new Set(['REVENUE', 'SALES']);
const isLiability = (a: Account) => /LIAB/.test(a.type);

/** What money taken for a category is: a sale, shipping income, or something owed back (never revenue). */
export function categoryClass(category: string): 'liability' | 'freight' | 'sales' {
  const text = category.toLowerCase();
  if (/gift ?card|voucher|store credit|deposit|lay-?by|prepaid|pre-?payment|top-?up/.test(text))
    return 'liability';
  if (/ship|freight|deliver|postage|courier/.test(text)) return 'freight';
  return 'sales';
}

function mainSales(accounts: readonly Account[]): Account | undefined {
  return (
    accounts.find((a) => revenueTypes.has(a.type) && a.code === '200') ??
    accounts.find((a) => revenueTypes.has(a.type) && /^sales$/i.test(a.name)) ??
    accounts.find((a) => revenueTypes.has(a.type) && !/interest/i.test(a.name))
  );
}

/** The account for each product category seen on orders, from the chart's names, types and conventions. */
export function suggestAccounts(
  categories: readonly CategoryObservation[],
  reference: ReferenceData,
): Suggestion[] {
  const accounts = reference.accounts.filter((a) => a.active && !a.systemAccount && a.type !== 'BANK');
  const sales = mainSales(accounts);
  const out: Suggestion[] = [];
  for (const seen of categories) {
    const cls = categoryClass(seen.category);
    const catWords = words(seen.category);
    const scored = accounts
      .map((a) => {
        const shared = [...catWords].filter(
          (w) => words(a.name).has(w) || words(a.name).has(w.replace(/s$/, '')),
        ).length;
        let score = 0;
        let why = '';
        if (cls === 'liability') {
          if (!isLiability(a)) return { a, score: 0, why };
          if (
            /gift|voucher|unearned|deferred|in advance|received in advance|deposit|customer credit/i.test(
              a.name,
            )
          ) {
            score = 0.9;
            why = `money taken for ${seen.category.toLowerCase()} is owed to customers until redeemed, and ${a.name} holds it`;
          } else if (/suspense|clearing/i.test(a.name)) {
            score = 0.4;
            why = `${seen.category.toLowerCase()} are a liability, not revenue; this chart has no gift card liability account, so ${a.name} holds them until you add one`;
          } else score = 0.1;
        } else {
          if (!revenueTypes.has(a.type) || /interest/i.test(a.name)) return { a, score: 0, why };
          if (cls === 'freight' && /freight|shipping|deliver|postage/i.test(a.name)) {
            score = 0.9;
            why = `shipping charged to customers is income; ${a.name} is the chart’s freight income account`;
          } else if (shared > 0) {
            score = 0.6 + 0.1 * shared;
            why = `the account name matches the category`;
          } else if (a.code === sales?.code) {
            score = 0.55;
            why =
              cls === 'freight'
                ? `shipping charged to customers is income; the chart has no freight income account, so ${a.name}`
                : `products sold are revenue; ${a.name} is the main sales account`;
          } else score = 0.2;
        }
        return { a, score, why };
      })
      .sort((x, y) => y.score - x.score);
    const [best, second] = scored;
    if (!best || best.score <= 0) continue;
    out.push({
      key: `account:${seen.category}`,
      kind: 'account',
      subject: seen.category,
      value: best.a.code,
      label: `${best.a.code} — ${best.a.name}`,
      confidence: confidenceOf(best.score, second?.score ?? 0),
      explanation: `${seen.category} (${seen.lines} recent line${seen.lines === 1 ? '' : 's'}): ${best.why}.`,
    });
  }
  return out;
}
