import type { ReferenceData } from '@ledgerbridge/canonical';
import { type MappingConfig, MappingConfigSchema } from './mapping-config.ts';

type Account = ReferenceData['accounts'][number];

function pick(accounts: readonly Account[], test: (a: Account) => boolean): Account | undefined {
  return accounts.find((a) => a.active && !a.systemAccount && test(a));
}

function revenue(a: Account): boolean {
  return a.type === 'REVENUE' || a.type === 'SALES';
}

function named(pattern: RegExp) {
  return (a: Account) => pattern.test(a.name);
}

function taxType(reference: ReferenceData, candidates: readonly string[], fallback: string): string {
  const active = reference.taxRates.filter((t) => t.active).map((t) => t.taxType);
  return candidates.find((c) => active.includes(c)) ?? fallback;
}

/** A sensible first mapping from what the org has: its own accounts, tax rates and tracking. */
export function defaultMapping(reference: ReferenceData): MappingConfig {
  const { accounts } = reference;
  const sales = pick(accounts, (a) => revenue(a) && a.code === '200') ?? pick(accounts, revenue);
  const salesCode = sales?.code ?? '200';
  const shipping =
    pick(accounts, (a) => revenue(a) && /freight|shipping|delivery|postage/i.test(a.name))?.code ?? salesCode;
  const rounding = pick(accounts, named(/rounding/i))?.code ?? salesCode;
  const bank = pick(accounts, (a) => a.type === 'BANK') ?? pick(accounts, (a) => a.acceptsPayments);
  const liability = pick(accounts, (a) => /sales tax/i.test(a.name) && /LIAB/.test(a.type));
  const isUs = reference.organisation.countryCode === 'US';
  const channel = reference.trackingCategories.find(
    (c) => c.active && c.options.some((o) => o.active && /e-?commerce|online|web/i.test(o.name)),
  );
  const channelOption = channel?.options.find((o) => o.active && /e-?commerce|online|web/i.test(o.name));
  return MappingConfigSchema.parse({
    schema: 1,
    invoice: {},
    accounts: {
      sales: salesCode,
      shipping,
      fees: salesCode,
      discounts: salesCode,
      rounding,
      ...(liability ? { salesTaxLiability: liability.code } : {}),
    },
    tax: {
      // US: sales tax as a line to a liability account when the org has one it may code to; otherwise
      // the org's own sales tax rates, matched by rate.
      mode: isUs && liability ? 'liability-line' : 'tax-rates',
      exempt: taxType(
        reference,
        ['EXEMPTOUTPUT', 'ZERORATEDOUTPUT', 'EXEMPTINCOME', 'ZERORATED', 'NONE'],
        'NONE',
      ),
      none: taxType(reference, ['NONE', 'EXEMPTOUTPUT', 'ZERORATEDOUTPUT'], 'NONE'),
    },
    tracking: {
      defaults: channel && channelOption ? [{ category: channel.name, option: channelOption.name }] : [],
    },
    payments: { defaultAccount: bank?.code ?? '090' },
    items: {},
    contacts: {},
    currency: {},
    writeBack: {},
  });
}
