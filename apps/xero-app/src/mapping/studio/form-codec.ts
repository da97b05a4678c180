import type { z } from 'zod';
import { type MappingConfig, MappingConfigSchema } from '../mapping-config.ts';
import { labelOf } from './config-diff.ts';

/** The source paths the designer edits, in the order it shows them. */
export const sourceFields = [
  'taxCode',
  'sku',
  'category',
  'channel',
  'pricesIncludeTax',
  'customerNumber',
] as const;

/** A posted form: every field as the list of its values (repeated rows post one value per row). */
export type FormFields = Record<string, string | File | Array<string | File>>;

export type FieldError = { readonly field: string; readonly message: string };
export type Decoded =
  | { ok: true; config: MappingConfig }
  | {
      ok: false;
      errors: FieldError[] /** What was posted, to show the form again as typed. */;
      draft?: MappingConfig;
    };

/** Tracking category and option travel as one select value. */
export function trackingValue(category: string, option: string): string {
  return JSON.stringify([category, option]);
}

function trackingPair(value: string): { category: string; option: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string')
      return { category: parsed[0], option: parsed[1] };
  } catch {
    // not a pair: the row is blank
  }
  return undefined;
}

function reader(form: FormFields) {
  const all = (name: string): string[] => {
    const value = form[name];
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return list.map((v) => (typeof v === 'string' ? v.trim() : ''));
  };
  const one = (name: string) => all(name)[0] ?? '';
  const optional = (name: string) => one(name) || undefined;
  /** Parallel columns → rows; a row whose every cell is blank is dropped (the form offers spare rows). */
  const rows = (names: readonly string[]): string[][] => {
    const columns = names.map(all);
    const count = Math.max(0, ...columns.map((c) => c.length));
    const out: string[][] = [];
    for (let i = 0; i < count; i += 1) {
      const row = columns.map((c) => c[i] ?? '');
      if (row.some(Boolean)) out.push(row);
    }
    return out;
  };
  const record = (prefix: string) =>
    Object.fromEntries(rows([`${prefix}.key`, `${prefix}.value`]).map(([k = '', v = '']) => [k, v]));
  return { all, one, optional, rows, record };
}

/**
 * The designer's form → a mapping. Sections the form does not show (added by other features) are kept
 * from `base`, the version the merchant was editing.
 */
export function decodeMappingForm(form: FormFields, base: MappingConfig): Decoded {
  const f = reader(form);
  const candidate = {
    ...base,
    schema: 1,
    invoice: {
      status: f.one('invoice.status'),
      numberTemplate: f.one('invoice.numberTemplate'),
      referenceTemplate: f.one('invoice.referenceTemplate'),
      dueInDays: Number(f.one('invoice.dueInDays') || '0'),
      draftRules: f
        .rows(['invoice.draftRules.when', 'invoice.draftRules.reason'])
        .map(([when = '', reason = '']) => ({ when, reason })),
    },
    accounts: {
      sales: f.one('accounts.sales'),
      shipping: f.one('accounts.shipping'),
      fees: f.one('accounts.fees'),
      discounts: f.one('accounts.discounts'),
      rounding: f.one('accounts.rounding'),
      ...(f.optional('accounts.salesTaxLiability')
        ? { salesTaxLiability: f.one('accounts.salesTaxLiability') }
        : {}),
      rules: f
        .rows([
          'accounts.rules.category',
          'accounts.rules.path',
          'accounts.rules.equals',
          'accounts.rules.account',
        ])
        .map(([category = '', path = '', equals = '', account = '']) => ({
          ...(category ? { category } : {}),
          ...(path ? { attribute: { path, equals } } : {}),
          account,
        })),
    },
    tax: {
      mode: f.one('tax.mode'),
      byClass: f.record('tax.byClass'),
      exempt: f.one('tax.exempt'),
      none: f.one('tax.none'),
    },
    tracking: {
      defaults: f
        .all('tracking.defaults')
        .map(trackingPair)
        .filter((t) => t !== undefined),
      rules: f
        .rows(['tracking.rules.category', 'tracking.rules.fromAttribute'])
        .map(([category = '', fromAttribute = '']) => ({ category, fromAttribute })),
    },
    payments: {
      defaultAccount: f.one('payments.defaultAccount'),
      byMethod: f.record('payments.byMethod'),
      byGateway: f.record('payments.byGateway'),
    },
    items: {
      useItemCodes: f.one('items.useItemCodes') === 'on',
      createMissing: f.one('items.createMissing') === 'on',
      stockFromXero: f.one('items.stockFromXero') === 'on',
    },
    contacts: {
      companyContactsForB2B: f.one('contacts.companyContactsForB2B') === 'on',
      guestName: f.one('contacts.guestName'),
      nameFormat: f.one('contacts.nameFormat') || 'first-last',
      splitFullName: f.one('contacts.splitFullName') === 'on',
      splitStreet: f.one('contacts.splitStreet') === 'on',
    },
    currency: { fixedRates: f.record('currency.fixedRates') },
    writeBack: { paidStatus: f.one('writeBack.paidStatus') },
    // Source paths (0046): a blank field falls back to the adapter's conventions.
    sources: Object.fromEntries(
      sourceFields.map((k) => [k, f.one(`sources.${k}`)] as const).filter(([, v]) => v !== ''),
    ),
    taxNames: { byName: f.record('taxNames.byName') },
    transforms: f
      .rows(['transforms.target', 'transforms.when', 'transforms.tracking', 'transforms.expression'])
      .map(([target = '', when = '', tracking = '', expression = '']) =>
        target === 'tracking' ? { target, when, ...trackingPair(tracking) } : { target, expression },
      ),
    validation: {
      rateDisagreement: f.one('validation.rateDisagreement'),
      nonRevenueAccount: f.one('validation.nonRevenueAccount'),
      unusualTotal: f.one('validation.unusualTotal'),
    },
  };
  const parsed = parseMapping(candidate);
  return parsed.ok ? parsed : { ...parsed, draft: candidate as unknown as MappingConfig };
}

function describeIssue(issue: z.core.$ZodIssue): FieldError {
  const path = issue.path.map(String).join('.');
  return { field: path || '(file)', message: `${labelOf(path) || 'The mapping'}: ${issue.message}` };
}

/** Schema-checked mapping from any JSON (an import, a form): errors name the field. */
export function parseMapping(value: unknown): Decoded {
  const parsed = MappingConfigSchema.safeParse(value);
  return parsed.success
    ? { ok: true, config: parsed.data }
    : { ok: false, errors: parsed.error.issues.map(describeIssue) };
}
