import { describe, expect, it } from 'vitest';
import { fixtureReference } from '../../testing/fixture-reference.ts';
import { defaultMapping } from '../default-mapping.ts';
import { decodeMappingForm, parseMapping, trackingValue } from './form-codec.ts';

const base = defaultMapping(fixtureReference('au'));

const form = {
  'invoice.status': 'DRAFT',
  'invoice.numberTemplate': 'WEB-{orderId}',
  'invoice.referenceTemplate': '{orderId}',
  'invoice.dueInDays': '14',
  'invoice.draftRules.when': ['total > 5000', ''],
  'invoice.draftRules.reason': ['large order: check stock', ''],
  'accounts.sales': '200',
  'accounts.shipping': '260',
  'accounts.fees': '200',
  'accounts.discounts': '200',
  'accounts.rounding': '860',
  'accounts.rules.category': ['Gift cards', ''],
  'accounts.rules.path': ['', ''],
  'accounts.rules.equals': ['', ''],
  'accounts.rules.account': ['835', ''],
  'tax.mode': 'tax-rates',
  'tax.byClass.key': ['GST', 'FREE', ''],
  'tax.byClass.value': ['OUTPUT', 'EXEMPTOUTPUT', ''],
  'tax.exempt': 'EXEMPTOUTPUT',
  'tax.none': 'BASEXCLUDED',
  'tracking.defaults': [trackingValue('Sales Channel', 'Online'), ''],
  'payments.defaultAccount': '090',
  'payments.byGateway.key': ['stripe'],
  'payments.byGateway.value': ['091'],
  'items.useItemCodes': 'on',
  'items.stockFromXero': 'on',
  'contacts.guestName': 'Web shopper',
  'contacts.nameFormat': 'last-comma-first',
  'contacts.splitFullName': 'on',
  'sources.taxCode': 'product.xp.Tax.Code',
  'sources.sku': '',
  'sources.category': '$uppercase(product.xp.Dept)',
  'taxNames.byName.key': ['NY STATE TAX', ''],
  'taxNames.byName.value': ['OUTPUT', ''],
  'writeBack.paidStatus': 'Completed',
  'transforms.target': ['tracking', 'reference', ''],
  'transforms.when': ['total > 1000', '', ''],
  'transforms.tracking': [trackingValue('Region', 'North'), '', ''],
  'transforms.expression': ['', "id & ' ' & customer.lastName", ''],
  'validation.rateDisagreement': 'hold',
  'validation.nonRevenueAccount': 'warn',
  'validation.unusualTotal': 'off',
};

describe('the designer form', () => {
  it('becomes a mapping: rows, tables, switches, rules; blank spare rows dropped', () => {
    const decoded = decodeMappingForm(form, base);
    if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
    const c = decoded.config;
    expect(c.invoice).toEqual({
      status: 'DRAFT',
      numberTemplate: 'WEB-{orderId}',
      referenceTemplate: '{orderId}',
      dueInDays: 14,
      draftRules: [{ when: 'total > 5000', reason: 'large order: check stock' }],
    });
    expect(c.accounts.rules).toEqual([{ category: 'Gift cards', account: '835' }]);
    expect(c.tax.byClass).toEqual({ GST: 'OUTPUT', FREE: 'EXEMPTOUTPUT' });
    expect(c.tracking.defaults).toEqual([{ category: 'Sales Channel', option: 'Online' }]);
    expect(c.payments.byGateway).toEqual({ stripe: '091' });
    expect(c.items).toEqual({ useItemCodes: true, createMissing: false, stockFromXero: true });
    expect(c.contacts).toEqual({
      companyContactsForB2B: false,
      guestName: 'Web shopper',
      nameFormat: 'last-comma-first',
      splitFullName: true,
      splitStreet: false,
    });
    expect(c.sources).toEqual({ taxCode: 'product.xp.Tax.Code', category: '$uppercase(product.xp.Dept)' });
    expect(c.taxNames.byName).toEqual({ 'NY STATE TAX': 'OUTPUT' });
    expect(c.transforms).toEqual([
      { target: 'tracking', when: 'total > 1000', category: 'Region', option: 'North' },
      { target: 'reference', expression: "id & ' ' & customer.lastName" },
    ]);
    expect(c.validation).toEqual({
      rateDisagreement: 'hold',
      nonRevenueAccount: 'warn',
      unusualTotal: 'off',
    });
  });

  it('names the field of every error', () => {
    const decoded = decodeMappingForm({ ...form, 'accounts.sales': '', 'invoice.dueInDays': '900' }, base);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.errors.map((e) => e.field)).toEqual([
      'invoice.dueInDays',
      'accounts.sales',
    ]);
    const imported = parseMapping({ ...base, tax: { ...base.tax, mode: 'vat' } });
    expect(!imported.ok && imported.errors[0]?.message).toMatch(/^Tax › mode: /);
  });

  it('checks source paths: a dotted path starts at a scope, anything else must be JSONata', () => {
    const decoded = decodeMappingForm(
      { ...form, 'sources.sku': 'xp.SKU', 'sources.category': 'product.xp.(' },
      base,
    );
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.errors.map((e) => e.field)).toEqual(['sources.sku', 'sources.category']);
    expect(decoded.errors[0]?.message).toBe(
      'Source paths › sku: “xp.SKU” must start with order, line, product, variant, user (e.g. product.xp.TaxCode).',
    );
    expect(decoded.errors[1]?.message).toMatch(
      /^Source paths › category: “product\.xp\.\(” is neither a dotted path nor valid JSONata/,
    );
    // What was typed comes back, to show the form again as typed.
    expect(decoded.draft?.sources).toMatchObject({ sku: 'xp.SKU' });
  });
});
