import {
  type Charge,
  CurrencyCodeSchema,
  type Discount,
  extend,
  type Money,
  money,
  type Order,
  type OrderLine,
  OrderSchema,
  type Result,
  type TaxDetail,
  toDecimalString,
} from '@ledgerbridge/canonical';
import type { z } from 'zod';
import type {
  OcLineItem,
  OcOrder,
  OcOrderCalculateResponseSchema,
  OcOrderPromotion,
  OcOrderWorksheet,
  OcShipEstimateResponseSchema,
  OcTaxDetail,
} from '../api-types.ts';
import { clean, mapAddress } from './address-mapper.ts';
import { decimalFromNumber, isoDate, toMoney, toPrice } from './amounts.ts';
import { type CustomerMappingOptions, mapOrderCustomer } from './customer-mapper.ts';
import { MappingProblem, mapSafely } from './mapping-problem.ts';
import { type FieldResult, type ResolvedSources, resolveConventions } from './source-paths.ts';
import { detectPricesIncludeTax } from './tax-mode.ts';

export type OrderMappingOptions = CustomerMappingOptions & {
  /** The connection's default when neither the order nor the tax integration says (see tax-mode.ts). */
  pricesIncludeTaxDefault: boolean;
  /** For marketplaces that predate Order.Currency. */
  defaultCurrency?: string;
};

export type OrderSource = {
  order: OcOrder;
  lineItems: readonly OcLineItem[];
  orderPromotions?: readonly OcOrderPromotion[] | null;
  shipEstimateResponse?: z.infer<typeof OcShipEstimateResponseSchema> | null;
  orderCalculateResponse?: z.infer<typeof OcOrderCalculateResponseSchema> | null;
  /** Source paths resolved by the adapter (JSONata is async); without them the conventions apply. */
  resolved?: ResolvedSources;
};

const statuses: Record<string, Order['status']> = {
  Open: 'open',
  Completed: 'completed',
  Canceled: 'canceled',
  AwaitingApproval: 'awaiting-approval',
  Declined: 'declined',
};

// Xero item codes are at most 30 characters; longer SKUs are kept as an attribute, never truncated.
const skuLimit = 30;

const textOf = (found: FieldResult): string | undefined =>
  found && 'value' in found && typeof found.value === 'string' ? found.value : undefined;

/** Where each field was found, and which configured path held nothing: shown on the timeline. */
function sourceNotes(fields: Record<string, FieldResult>) {
  const paths: Record<string, string> = {};
  const empty: Record<string, string> = {};
  for (const [field, found] of Object.entries(fields)) {
    if (!found) continue;
    if ('empty' in found) empty[field] = found.empty;
    else paths[field] = found.path;
  }
  return {
    ...(Object.keys(paths).length > 0 ? { sourcePaths: paths } : {}),
    ...(Object.keys(empty).length > 0 ? { emptySourcePaths: empty } : {}),
  };
}

const total = (amounts: readonly Money[]): bigint => amounts.reduce((s, a) => s + a.minor, 0n);

export function mapOrder(source: OrderSource, options: OrderMappingOptions): Result<Order> {
  return mapSafely(`order ${source.order.ID}`, () => buildOrder(source, options));
}

export function mapWorksheetToOrder(input: {
  worksheet: OcOrderWorksheet;
  options: OrderMappingOptions;
  resolved?: ResolvedSources;
}): Result<Order> {
  const { worksheet } = input;
  return mapOrder(
    {
      order: worksheet.Order,
      lineItems: worksheet.LineItems ?? [],
      orderPromotions: worksheet.OrderPromotions,
      shipEstimateResponse: worksheet.ShipEstimateResponse,
      orderCalculateResponse: worksheet.OrderCalculateResponse,
      ...(input.resolved ? { resolved: input.resolved } : {}),
    },
    input.options,
  );
}

function buildOrder(source: OrderSource, options: OrderMappingOptions): Order {
  const { order, lineItems } = source;
  const currency = clean(order.Currency) ?? options.defaultCurrency;
  if (!currency || !CurrencyCodeSchema.safeParse(currency).success)
    throw new MappingProblem('Order.Currency', `is not a currency code: ${currency}`);
  const status = statuses[order.Status ?? ''];
  if (!status)
    throw new MappingProblem('Order.Status', `${order.Status ?? 'missing'} is not a submitted status`);
  const m = (value: number | null | undefined, path: string, required = false) =>
    toMoney(value, currency, path, { required });
  const minorOf = (amount: string) => money(amount, currency).minor;
  const optionalDecimal = (value: number | null | undefined) =>
    value === null || value === undefined ? undefined : decimalFromNumber(value);
  const taxDetail = (detail: OcTaxDetail, path: string): TaxDetail => {
    const taxable = optionalDecimal(detail.Taxable ?? detail.TaxableAmount);
    const exempt = optionalDecimal(detail.Exempt);
    const level = clean(detail.JurisdictionLevel);
    const jurisdiction = clean(detail.JurisdictionValue);
    return {
      code: clean(detail.JurisdictionCode),
      name: clean(detail.TaxDescription) ?? level,
      ratePercent:
        detail.Rate === null || detail.Rate === undefined || detail.Rate < 0
          ? undefined
          : decimalFromNumber(detail.Rate),
      amount: toDecimalString(m(detail.Tax, `${path}.Tax`, true)),
      ...(taxable !== undefined ? { taxable } : {}),
      ...(exempt !== undefined ? { exempt } : {}),
      ...(level ? { jurisdictionLevel: level } : {}),
      ...(jurisdiction ? { jurisdiction } : {}),
    };
  };
  const resolved = source.resolved ?? resolveConventions({ order, lineItems });

  const subtotal = m(order.Subtotal, 'Order.Subtotal', true);
  const shipping = m(order.ShippingCost, 'Order.ShippingCost');
  const taxCost = m(order.TaxCost, 'Order.TaxCost');
  const fees = m(order.Fees, 'Order.Fees');
  const gratuity = m(order.Gratuity, 'Order.Gratuity');
  const promotionDiscount = m(order.PromotionDiscount, 'Order.PromotionDiscount');
  const orderTotal = m(order.Total, 'Order.Total', true);
  // OrderCloud's own identity; if it does not hold, nothing downstream can be trusted.
  const recomputed =
    subtotal.minor - promotionDiscount.minor + shipping.minor + taxCost.minor + fees.minor + gratuity.minor;
  if (recomputed !== orderTotal.minor) {
    throw new MappingProblem(
      'Order.Total',
      'does not equal Subtotal − PromotionDiscount + ShippingCost + TaxCost + Fees + Gratuity',
    );
  }

  const calculation = source.orderCalculateResponse;
  const taxCalculation = calculation?.xp?.TaxCalculation;
  const flag = resolved.order.pricesIncludeTax;
  const mode = detectPricesIncludeTax({
    order,
    taxCalculation,
    connectionDefault: options.pricesIncludeTaxDefault,
    ...(flag && 'value' in flag && typeof flag.value === 'boolean'
      ? { fromPath: { value: flag.value, path: flag.path, configured: flag.configured } }
      : {}),
  });
  if (mode.pricesIncludeTax && taxCost.minor !== 0n) {
    throw new MappingProblem(
      'Order.TaxCost',
      'must be 0 when prices include tax (the tax is already inside Subtotal)',
    );
  }
  if (
    order.LineItemCount !== null &&
    order.LineItemCount !== undefined &&
    order.LineItemCount !== lineItems.length
  ) {
    throw new MappingProblem(
      'LineItems',
      `expected ${order.LineItemCount} line items, got ${lineItems.length}`,
    );
  }

  const taxedLines = new Map((taxCalculation?.LineItems ?? []).map((entry) => [entry.LineItemID, entry]));
  const lines: OrderLine[] = lineItems.map((line, index) => {
    const path = `LineItems[${index}]`;
    if (line.Quantity === null || line.Quantity === undefined || line.Quantity <= 0)
      throw new MappingProblem(`${path}.Quantity`, 'must be positive');
    const quantity = decimalFromNumber(line.Quantity);
    const unitPrice = toPrice(line.UnitPrice, `${path}.UnitPrice`, currency);
    const lineSubtotal =
      line.LineSubtotal === null || line.LineSubtotal === undefined
        ? extend(quantity, unitPrice, currency)
        : m(line.LineSubtotal, `${path}.LineSubtotal`);
    const discount = m(line.PromotionDiscount, `${path}.PromotionDiscount`);
    if (
      line.LineTotal !== null &&
      line.LineTotal !== undefined &&
      m(line.LineTotal, `${path}.LineTotal`).minor !== lineSubtotal.minor - discount.minor
    ) {
      throw new MappingProblem(`${path}.LineTotal`, 'does not equal LineSubtotal − PromotionDiscount');
    }
    const taxed = taxedLines.get(line.ID);
    taxedLines.delete(line.ID);
    const taxPath = `OrderCalculateResponse.xp.TaxCalculation.LineItems[${line.ID}]`;
    let taxes = (taxed?.LineItemLevelTaxes ?? []).map((d, j) =>
      taxDetail(d, `${taxPath}.LineItemLevelTaxes[${j}]`),
    );
    if (taxed) {
      const lineTax = m(taxed.LineItemTotalTax, `${taxPath}.LineItemTotalTax`);
      const detailSum = taxes.reduce((s, t) => s + minorOf(t.amount), 0n);
      if (taxes.length === 0 && lineTax.minor !== 0n)
        taxes = [{ name: 'Tax', amount: toDecimalString(lineTax) }];
      else if (detailSum !== lineTax.minor)
        throw new MappingProblem(
          `${taxPath}.LineItemTotalTax`,
          'does not equal the sum of LineItemLevelTaxes',
        );
    }
    const found = resolved.lines.get(line.ID) ?? {};
    const sku = textOf(found.sku);
    const category = textOf(found.category);
    const taxCode = textOf(found.taxCode);
    return {
      id: line.ID,
      productId: line.ProductID,
      sku: sku && sku.length <= skuLimit ? sku : undefined,
      name: clean(line.Product?.Name) ?? clean(line.Variant?.Name) ?? line.ProductID,
      description: clean(line.Product?.Description),
      quantity,
      unitPrice,
      lineSubtotal: toDecimalString(lineSubtotal),
      discount: toDecimalString(discount),
      taxes,
      taxClass: taxCode,
      category,
      attributes: {
        ...sourceNotes(found),
        ...(sku && sku.length > skuLimit ? { sourceSku: sku } : {}),
        ...(line.Variant?.ID ? { variantId: line.Variant.ID } : {}),
        ...(line.CostCenter ? { costCenter: line.CostCenter } : {}),
        ...(line.SupplierID ? { supplierId: line.SupplierID } : {}),
        ...(line.ShippingAddressID ? { shippingAddressId: line.ShippingAddressID } : {}),
      },
    };
  });
  if (taxedLines.size > 0) {
    throw new MappingProblem(
      'OrderCalculateResponse.xp.TaxCalculation.LineItems',
      `taxes lines not on the order: ${[...taxedLines.keys()].join(', ')}`,
    );
  }
  const lineSubtotals = lines.reduce((s, l) => s + minorOf(l.lineSubtotal), 0n);
  if (lineSubtotals !== subtotal.minor)
    throw new MappingProblem('Order.Subtotal', 'does not equal the sum of LineSubtotal');
  const lineDiscounts = lines.reduce((s, l) => s + minorOf(l.discount), 0n);

  const discounts: Discount[] = [];
  if (source.orderPromotions) {
    const orderLevel = source.orderPromotions.filter((p) => !p.LineItemLevel && !p.LineItemID);
    orderLevel.forEach((promotion, i) => {
      const amount = m(promotion.Amount, `OrderPromotions[${i}].Amount`);
      if (amount.minor === 0n) return;
      discounts.push({
        code: clean(promotion.Code),
        description:
          clean(promotion.Name) ?? clean(promotion.Description) ?? clean(promotion.Code) ?? 'Promotion',
        amount: toDecimalString(amount),
      });
    });
    const orderLevelSum = discounts.reduce((s, d) => s + minorOf(d.amount), 0n);
    if (lineDiscounts + orderLevelSum !== promotionDiscount.minor) {
      throw new MappingProblem(
        'Order.PromotionDiscount',
        'does not equal line promotion discounts plus order-level OrderPromotions',
      );
    }
  } else {
    const residual = promotionDiscount.minor - lineDiscounts;
    if (residual < 0n)
      throw new MappingProblem('Order.PromotionDiscount', 'is less than the line items’ promotion discounts');
    if (residual > 0n)
      discounts.push({
        description: 'Order promotions',
        amount: toDecimalString({ currency, minor: residual }),
      });
  }

  const orderLevelTaxes = taxCalculation?.OrderLevelTaxes ?? [];
  const orderTaxPath = 'OrderCalculateResponse.xp.TaxCalculation.OrderLevelTaxes';
  const shippingTaxes = orderLevelTaxes.flatMap((d, i) =>
    d.ShipEstimateID && shipping.minor !== 0n ? [taxDetail(d, `${orderTaxPath}[${i}]`)] : [],
  );
  // Order-level taxes not tied to a ship estimate: a fee's tax names the fee (OrderCloud's tax details
  // carry no fee ID); what names no fee stays on the order as a whole.
  const unshipped = orderLevelTaxes.flatMap((d, i) =>
    d.ShipEstimateID && shipping.minor !== 0n
      ? []
      : [{ source: d, detail: taxDetail(d, `${orderTaxPath}[${i}]`) }],
  );
  const feeNames = (calculation?.xp?.Fees ?? []).flatMap((fee) => {
    const name = clean(fee.Name) ?? clean(fee.ID);
    return name ? [name.toLowerCase()] : [];
  });
  const claimed = new Set<TaxDetail>();
  const taxesNaming = (name: string) =>
    unshipped.flatMap((t) => {
      if (claimed.has(t.detail) || !clean(t.source.TaxDescription)?.toLowerCase().includes(name)) return [];
      claimed.add(t.detail);
      return [t.detail];
    });
  const feeTaxes = new Set(feeNames.flatMap(taxesNaming));
  claimed.clear();
  const orderTaxes = unshipped.map((t) => t.detail).filter((d) => !feeTaxes.has(d));

  const charges: Charge[] = [];
  if (shipping.minor !== 0n) {
    const methods = (source.shipEstimateResponse?.ShipEstimates ?? []).flatMap((estimate) => {
      const selected = estimate.ShipMethods?.find((method) => method.ID === estimate.SelectedShipMethodID);
      return selected?.Name ? [selected.Name] : [];
    });
    charges.push({
      kind: 'shipping',
      description: [...new Set(methods)].join(', ') || 'Shipping',
      amount: toDecimalString(shipping),
      taxes: shippingTaxes,
    });
  }
  if (fees.minor !== 0n) {
    const listed = (calculation?.xp?.Fees ?? []).map((fee, i) => ({
      name: clean(fee.Name) ?? clean(fee.ID) ?? 'Fee',
      amount: m(fee.Amount, `OrderCalculateResponse.xp.Fees[${i}].Amount`),
    }));
    if (listed.length > 0 && total(listed.map((f) => f.amount)) === fees.minor) {
      for (const fee of listed)
        if (fee.amount.minor !== 0n)
          charges.push({
            kind: 'fee',
            description: fee.name,
            amount: toDecimalString(fee.amount),
            taxes: taxesNaming(fee.name.toLowerCase()),
          });
    } else {
      charges.push({ kind: 'fee', description: 'Fees', amount: toDecimalString(fees), taxes: [...feeTaxes] });
    }
  }
  if (gratuity.minor !== 0n)
    charges.push({ kind: 'gratuity', description: 'Gratuity', amount: toDecimalString(gratuity), taxes: [] });
  // A fee's tax that found no fee line (a fee of zero, say) stays with the order rather than vanish.
  const onCharges = new Set(charges.flatMap((c) => c.taxes));
  for (const detail of feeTaxes) if (!onCharges.has(detail)) orderTaxes.push(detail);

  let taxTotal: Money;
  const attributes: Record<string, unknown> = {
    pricesIncludeTaxSource: mode.source,
    ...(mode.path ? { pricesIncludeTaxPath: mode.path } : {}),
    ...sourceNotes(resolved.order),
  };
  const channel = textOf(resolved.order.channel);
  if (channel) attributes.channel = channel;
  const customerNumber = textOf(resolved.order.customerNumber);
  if (customerNumber) attributes.customerNumber = customerNumber;
  if (taxCalculation) {
    taxTotal = m(taxCalculation.TotalTax, 'OrderCalculateResponse.xp.TaxCalculation.TotalTax', true);
    const details = [...lines.flatMap((l) => l.taxes), ...charges.flatMap((c) => c.taxes), ...orderTaxes];
    const detailSum = details.reduce((s, t) => s + minorOf(t.amount), 0n);
    if (detailSum !== taxTotal.minor)
      throw new MappingProblem(
        'OrderCalculateResponse.xp.TaxCalculation.TotalTax',
        'does not equal the sum of line and order-level taxes',
      );
    if (!mode.pricesIncludeTax && taxTotal.minor !== taxCost.minor)
      throw new MappingProblem('Order.TaxCost', 'differs from TaxCalculation.TotalTax');
  } else if (mode.pricesIncludeTax) {
    taxTotal = { currency, minor: 0n };
    attributes.taxBreakdown = 'missing';
  } else {
    taxTotal = taxCost;
    if (taxCost.minor !== 0n) {
      orderTaxes.push({ name: 'Tax', amount: toDecimalString(taxCost) });
      attributes.taxBreakdown = 'order-total-only';
    }
  }

  const shipTo = lineItems.map((l) => mapAddress(l.ShippingAddress)).filter((a) => a !== undefined);
  const distinctShipTo = new Set(shipTo.map((a) => JSON.stringify(a)));
  if (distinctShipTo.size > 1) attributes.shipToCount = distinctShipTo.size;
  if (order.FromCompanyID) attributes.buyerId = order.FromCompanyID;
  if (order.Comments) attributes.comments = order.Comments;
  const poNumber = order.xp?.PONumber;
  if (typeof poNumber === 'string') attributes.purchaseOrderNumber = poNumber;

  const draft = {
    id: order.ID,
    status,
    currency,
    placedAt: isoDate(order.DateSubmitted, 'Order.DateSubmitted'),
    customer: mapOrderCustomer(order, options),
    billingAddress: mapAddress(order.BillingAddress),
    shippingAddress: shipTo[0],
    pricesIncludeTax: mode.pricesIncludeTax,
    lines,
    charges,
    discounts,
    orderTaxes,
    taxTotal: toDecimalString(taxTotal),
    total: toDecimalString(orderTotal),
    attributes,
  };
  const parsed = OrderSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MappingProblem(`canonical.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid order');
  }
  return parsed.data;
}
