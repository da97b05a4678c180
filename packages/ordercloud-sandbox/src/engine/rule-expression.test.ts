import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../money.ts';
import { asBoolean, asDecimal, evaluateRule, type RuleFacts } from './rule-expression-eval.ts';
import { parseRuleExpression, RuleSyntaxError } from './rule-expression-parser.ts';

// The examples of oc-documentation `rule-based-promotion-expressions.mdx` and
// `rules-engine-has-arrived.mdx`, evaluated over one order.
const facts: RuleFacts = {
  order: {
    ID: 'o1',
    Subtotal: 240,
    ShippingCost: 12.5,
    Total: 252.5,
    FromUser: { xp: { FirstOrder: true } },
    xp: { myarray: ['value1', 'value2'], Tags: ['tag1', 'tag2'], Nums: [20, 23], MyCustomProperty: 'XYZ' },
  },
  items: [
    {
      ID: 'l1',
      ProductID: 'ABC',
      Quantity: 3,
      LineSubtotal: 60,
      LineTotal: 60,
      CostCenter: 'ABC',
      SupplierID: '123',
      Product: { ID: 'ABC', xp: { OnSale: true, Tags: ['XYZ', 'tag9'] } },
    },
    {
      ID: 'l2',
      ProductID: 'XYZ',
      Quantity: 5,
      LineSubtotal: 180,
      LineTotal: 170,
      CostCenter: 'DEF',
      SupplierID: '456',
      Product: { ID: 'XYZ', xp: { OnSale: false, Tags: ['tagA', 'tagB', 'tagC'] } },
    },
  ],
  now: new Date('2026-03-10T00:00:00Z'),
};
const first = facts.items[0];
const value = (expression: string, item?: Record<string, unknown>) =>
  formatDecimal(asDecimal(evaluateRule(parseRuleExpression(expression), facts, item)));
const holds = (expression: string, item?: Record<string, unknown>) =>
  asBoolean(evaluateRule(parseRuleExpression(expression), facts, item));

describe('rules-engine expressions', () => {
  it.each([
    ['order.Subtotal > 50', true],
    ['order.Subtotal >= 260', false],
    ["order.Total > 200 and order.xp.MyCustomProperty = 'XYZ'", true],
    ["items.quantity(ProductID = 'ABC') > 1", true],
    ["items.any(ProductID = '123')", false],
    ["items.any(ProductID = 'ABC') and items.any(ProductID = 'XYZ')", true],
    ['items.all(Product.xp.OnSale = true)', false],
    ["items.total(CostCenter = 'ABC') > 50", true],
    ["items.quantity(ProductID = 'P1' or ProductID = 'ABC') > 5", false],
    ["order.xp.myarray.contains('value2')", true],
    ['order.xp.myarray.count() = 2', true],
    ["order.xp.myarray.any(item = 'four')", false],
    ["order.xp.Tags.all(item = 'tag*') = true", true],
    ["items.any(Product.xp.Tags.contains('XYZ'))", true],
    ["items.any(Product.xp.Tags.count(item = 'tag*') = 3)", true],
    ['order.FromUser.xp.FirstOrder = true', true],
    ["not items.any(ProductID = 'QQQ')", true],
    ["order.approved('rule_id_1') or order.Subtotal <> 240", false],
    ["item.product.incategory('Bikes')", false],
    ['order.DateSubmitted = null', true],
    ['#6/15/2016# < now(-30)', true],
    ["order.xp.missing.contains('x')", false],
  ])('%s → %s', (expression, expected) => {
    expect(holds(expression)).toBe(expected);
  });

  it.each([
    ['10', '10'],
    ['order.ShippingCost', '12.5'],
    ['min(order.Subtotal * .1, 20)', '20'],
    ['max(order.Subtotal * .1, 20)', '24.0'],
    ["items.total(ProductID = 'XYZ') / items.quantity(ProductID = 'XYZ')", '34.0000000000'],
    ["(items.total(ProductID = 'ABC') + items.total(ProductID = 'XYZ')) * .2", '46.0'],
    ["50 / items.count(SupplierID = '123')", '50.0000000000'],
    [
      "((items.quantity(ProductID='XYZ')/2) - (items.quantity(ProductID='XYZ') % 2 * .5)) * items.total (ProductID='XYZ') / items.quantity(ProductID='XYZ')",
      '68.0000000000',
    ],
    ['-order.Subtotal + 1', '-239'],
    ['order.xp.nothing + 1', '1'],
  ])('%s = %s', (expression, expected) => {
    expect(value(expression)).toBe(expected);
  });

  it('evaluates line-level expressions against the line (item.*), case-insensitively', () => {
    expect(holds("item.SupplierID = '123' and items.total(SupplierID = '123') >= 50", first)).toBe(true);
    expect(value('item.LineSubtotal * .15', first)).toBe('9.00');
    expect(holds("item.Product.xp.Tags.contains('XYZ')", first)).toBe(true);
    expect(holds('item.product.xp.nums.any(item = 20)', first)).toBe(false);
    expect(holds("ITEM.productid = 'abc'", first)).toBe(true);
  });

  it('refuses malformed expressions with the position', () => {
    for (const bad of [
      "items.any(ProductID = 'A'",
      'order.Subtotal >',
      "'open",
      '1 +* 2',
      'order..Subtotal',
      'and',
    ]) {
      expect(() => parseRuleExpression(bad)).toThrow(RuleSyntaxError);
    }
  });

  it('keeps money exact: no binary floating point', () => {
    expect(value('0.1 + 0.2')).toBe('0.3');
    expect(value('order.Subtotal * 0.07')).toBe('16.80');
  });
});
