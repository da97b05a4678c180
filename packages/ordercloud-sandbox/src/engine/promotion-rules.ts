import { badRequest } from '../errors.ts';
import { type Decimal, parseDecimal } from '../money.ts';

// A deliberately small subset of OrderCloud's rules-engine expressions, enough for realistic
// promotions; anything else is refused (Expression.InvalidSyntax) instead of silently ignored.
//   ValueExpression:    "<amount>" | "Order.Subtotal * <factor>" | "item.LineSubtotal * <factor>"
//                       | "item.LineTotal * <factor>" | "item.Quantity * <amount>"
//   EligibleExpression: "true" | "item.ProductID = '<id>'" | "Order.Subtotal >= <amount>"
export type OrderFacts = { subtotal: Decimal };
export type ItemFacts = { productId: string; quantity: number; lineSubtotal: Decimal; lineTotal: Decimal };

export type CompiledPromotion = {
  eligibleOrder(order: OrderFacts): boolean;
  eligibleItem(order: OrderFacts, item: ItemFacts): boolean;
  value(order: OrderFacts, item?: ItemFacts): Decimal;
};

function times(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

function atLeast(a: Decimal, b: Decimal): boolean {
  const scale = Math.max(a.scale, b.scale);
  return a.units * 10n ** BigInt(scale - a.scale) >= b.units * 10n ** BigInt(scale - b.scale);
}

export function compilePromotion(input: {
  eligibleExpression: string;
  valueExpression: string;
  lineItemLevel: boolean;
}): CompiledPromotion {
  const eligible = input.eligibleExpression.trim();
  const value = input.valueExpression.trim();
  const invalid = (expression: string) =>
    badRequest(
      'Expression.InvalidSyntax',
      `Expression syntax is not supported by the sandbox: ${expression}`,
      {
        Expression: expression,
      },
    );

  let eligibleOrder: (order: OrderFacts) => boolean = () => true;
  let eligibleItem: (order: OrderFacts, item: ItemFacts) => boolean = () => true;
  const productMatch = /^item\.ProductID\s*=\s*'([^']*)'$/i.exec(eligible);
  const subtotalMatch = /^order\.Subtotal\s*>=\s*(\d+(?:\.\d+)?)$/i.exec(eligible);
  if (eligible.toLowerCase() === 'true') {
    // always eligible
  } else if (productMatch && input.lineItemLevel) {
    const productId = productMatch[1] ?? '';
    eligibleItem = (_order, item) => item.productId === productId;
  } else if (subtotalMatch) {
    const threshold = parseDecimal(subtotalMatch[1] ?? '0');
    eligibleOrder = (order) => atLeast(order.subtotal, threshold);
  } else {
    throw invalid(eligible);
  }

  const fixed = /^(\d+(?:\.\d+)?)$/.exec(value);
  const orderFactor = /^order\.Subtotal\s*\*\s*(\d*\.?\d+)$/i.exec(value);
  const itemFactor = /^item\.(LineSubtotal|LineTotal)\s*\*\s*(\d*\.?\d+)$/i.exec(value);
  const perUnit = /^item\.Quantity\s*\*\s*(\d+(?:\.\d+)?)$/i.exec(value);
  const normalize = (text: string) => parseDecimal(text.startsWith('.') ? `0${text}` : text);
  let compute: (order: OrderFacts, item?: ItemFacts) => Decimal;
  if (fixed) {
    const amount = normalize(fixed[1] ?? '0');
    compute = () => amount;
  } else if (orderFactor && !input.lineItemLevel) {
    const factor = normalize(orderFactor[1] ?? '0');
    compute = (order) => times(order.subtotal, factor);
  } else if (itemFactor && input.lineItemLevel) {
    const field = (itemFactor[1] ?? '').toLowerCase();
    const factor = normalize(itemFactor[2] ?? '0');
    compute = (_order, item) =>
      item
        ? times(field === 'linetotal' ? item.lineTotal : item.lineSubtotal, factor)
        : { units: 0n, scale: 0 };
  } else if (perUnit && input.lineItemLevel) {
    const amount = normalize(perUnit[1] ?? '0');
    compute = (_order, item) =>
      item ? times({ units: BigInt(item.quantity), scale: 0 }, amount) : { units: 0n, scale: 0 };
  } else {
    throw invalid(value);
  }
  return { eligibleOrder, eligibleItem, value: compute };
}
