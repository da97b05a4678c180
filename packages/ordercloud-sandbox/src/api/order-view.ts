import { compilePromotion } from '../engine/promotion-rules.ts';
import { computeTotals, type OrderTotals } from '../engine/order-totals.ts';
import { decimalToNumber, minorToNumber } from '../money.ts';
import type {
  AddressSnapshot,
  LineItemRecord,
  OrderRecord,
  OrderReturnRecord,
  PaymentRecord,
  SandboxState,
  TaxDetailRecord,
} from '../state.ts';

// Server-computed totals and the JSON shapes OrderCloud returns (numbers only at this edge).
export function orderTotals(state: SandboxState, order: OrderRecord): OrderTotals {
  const promotions = order.promotions.flatMap((applied) => {
    const promotion = state.promotions.get(applied.PromotionID);
    if (!promotion) return [];
    return [
      {
        id: promotion.ID,
        lineItemLevel: promotion.LineItemLevel,
        compiled: compilePromotion({
          eligibleExpression: promotion.EligibleExpression,
          valueExpression: promotion.ValueExpression,
          lineItemLevel: promotion.LineItemLevel,
        }),
      },
    ];
  });
  return computeTotals({
    currency: order.Currency,
    lines: [...order.lineItems.values()].map((l) => ({
      id: l.ID,
      productId: l.ProductID,
      quantity: l.Quantity,
      unitPrice: l.UnitPrice,
    })),
    promotions,
    shippingCost: order.calculation?.ShippingTotal ?? 0n,
    taxCost: order.calculation?.TaxTotal ?? 0n,
    fees: order.calculation?.FeeTotal ?? 0n,
    gratuity: order.Gratuity,
  });
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

export function serializeAddress(address: AddressSnapshot | undefined): Record<string, unknown> | null {
  if (!address) return null;
  return {
    ID: orNull(address.ID),
    DateCreated: orNull(address.DateCreated),
    CompanyName: orNull(address.CompanyName),
    FirstName: orNull(address.FirstName),
    LastName: orNull(address.LastName),
    Street1: address.Street1,
    Street2: orNull(address.Street2),
    City: address.City,
    State: orNull(address.State),
    Zip: orNull(address.Zip),
    Country: address.Country,
    Phone: orNull(address.Phone),
    AddressName: orNull(address.AddressName),
    xp: address.xp,
  };
}

export function serializeOrder(
  state: SandboxState,
  order: OrderRecord,
  totals = orderTotals(state, order),
): Record<string, unknown> {
  const money = (minor: bigint) => minorToNumber(minor, order.Currency);
  return {
    ID: order.ID,
    FromUser: { ...order.FromUser, Phone: orNull(order.FromUser.Phone) },
    FromCompanyID: order.FromCompanyID,
    ToCompanyID: order.ToCompanyID,
    FromUserID: order.FromUserID,
    BillingAddressID: orNull(order.BillingAddressID),
    BillingAddress: serializeAddress(order.BillingAddress),
    ShippingAddressID: null,
    Comments: orNull(order.Comments),
    LineItemCount: order.lineItems.size,
    Status: order.Status,
    DateCreated: order.DateCreated,
    DateSubmitted: orNull(order.DateSubmitted),
    DateApproved: orNull(order.DateApproved),
    DateDeclined: orNull(order.DateDeclined),
    DateCanceled: orNull(order.DateCanceled),
    DateCompleted: orNull(order.DateCompleted),
    LastUpdated: order.LastUpdated,
    Subtotal: money(totals.subtotal),
    ShippingCost: money(order.calculation?.ShippingTotal ?? 0n),
    TaxCost: money(order.calculation?.TaxTotal ?? 0n),
    Gratuity: money(order.Gratuity),
    Fees: money(order.calculation?.FeeTotal ?? 0n),
    PromotionDiscount: money(totals.promotionDiscount),
    Currency: order.Currency,
    Total: money(totals.total),
    IsSubmitted: order.Status !== 'Unsubmitted',
    SubscriptionID: null,
    xp: order.xp,
  };
}

export function serializeLineItem(
  order: OrderRecord,
  line: LineItemRecord,
  totals: OrderTotals,
): Record<string, unknown> {
  const lineTotals = totals.lines.get(line.ID);
  const money = (minor: bigint) => minorToNumber(minor, order.Currency);
  return {
    ID: line.ID,
    ProductID: line.ProductID,
    Quantity: line.Quantity,
    BundleItemID: null,
    IsBundle: false,
    DateAdded: line.DateAdded,
    QuantityShipped: line.QuantityShipped,
    UnitPrice: decimalToNumber(line.UnitPrice),
    PromotionDiscount: money(lineTotals?.promotionDiscount ?? 0n),
    LineTotal: money(lineTotals?.lineTotal ?? 0n),
    LineSubtotal: money(lineTotals?.lineSubtotal ?? 0n),
    CostCenter: orNull(line.CostCenter),
    DateNeeded: orNull(line.DateNeeded),
    ShippingAccount: null,
    ShippingAddressID: orNull(line.ShippingAddressID),
    ShipFromAddressID: null,
    Product: {
      ...line.Product,
      Description: orNull(line.Product.Description),
      ShipWeight: orNull(line.Product.ShipWeight),
    },
    Variant: null,
    ShippingAddress: serializeAddress(line.ShippingAddress),
    ShipFromAddress: null,
    SupplierID: null,
    InventoryRecordID: null,
    PriceScheduleID: orNull(line.PriceScheduleID),
    IsOnSale: line.IsOnSale,
    PriceOverridden: line.PriceOverridden,
    Specs: [],
    IncomingOrderID: order.ID,
    OutgoingOrderID: order.ID,
    xp: line.xp,
  };
}

export function serializePayment(payment: PaymentRecord): Record<string, unknown> {
  const money = (minor: bigint) => minorToNumber(minor, payment.Currency);
  return {
    ID: payment.ID,
    Type: payment.Type,
    DateCreated: payment.DateCreated,
    CreditCardID: orNull(payment.CreditCardID),
    SpendingAccountID: orNull(payment.SpendingAccountID),
    Description: orNull(payment.Description),
    Currency: payment.Currency,
    Amount: money(payment.Amount),
    Accepted: payment.Accepted,
    OrderReturnID: orNull(payment.OrderReturnID),
    xp: payment.xp,
    Transactions: payment.Transactions.map((t) => ({
      ID: t.ID,
      Type: t.Type,
      DateExecuted: t.DateExecuted,
      Currency: t.Currency,
      Amount: t.Amount === undefined ? null : minorToNumber(t.Amount, t.Currency),
      Succeeded: t.Succeeded,
      ResultCode: orNull(t.ResultCode),
      ResultMessage: orNull(t.ResultMessage),
      xp: t.xp,
    })),
  };
}

function serializeTaxDetail(detail: TaxDetailRecord, currency: string): Record<string, unknown> {
  return {
    TaxableAmount: minorToNumber(detail.TaxableAmount, currency),
    Tax: minorToNumber(detail.Tax, currency),
    Rate: decimalToNumber(detail.Rate),
    JurisdictionLevel: detail.JurisdictionLevel,
    JurisdictionCode: detail.JurisdictionCode,
    TaxDescription: detail.TaxDescription,
    ...(detail.ShipEstimateID ? { ShipEstimateID: detail.ShipEstimateID } : {}),
  };
}

export function serializeWorksheet(state: SandboxState, order: OrderRecord): Record<string, unknown> {
  const totals = orderTotals(state, order);
  const currency = order.Currency;
  const money = (minor: bigint) => minorToNumber(minor, currency);
  const promotions = totals.applied.flatMap((applied) => {
    const promotion = state.promotions.get(applied.promotionId);
    const when =
      order.promotions.find((p) => p.PromotionID === applied.promotionId)?.DateApplied ?? order.DateCreated;
    if (!promotion) return [];
    return [
      {
        Amount: money(applied.amount),
        LineItemID: applied.lineItemId ?? null,
        AmountOverridden: false,
        DateApplied: when,
        ID: promotion.ID,
        LineItemLevel: promotion.LineItemLevel,
        Code: promotion.Code,
        Name: promotion.Name ?? null,
        Description: promotion.Description ?? null,
        EligibleExpression: promotion.EligibleExpression,
        ValueExpression: promotion.ValueExpression,
        CanCombine: promotion.CanCombine,
        AutoApply: promotion.AutoApply,
        Active: promotion.Active,
        xp: promotion.xp,
      },
    ];
  });
  const calc = order.calculation;
  return {
    Order: serializeOrder(state, order, totals),
    LineItems: [...order.lineItems.values()].map((line) => serializeLineItem(order, line, totals)),
    OrderPromotions: promotions,
    ShipEstimateResponse: order.shipEstimates
      ? {
          ShipEstimates: order.shipEstimates.map((estimate) => ({
            ID: estimate.ID,
            xp: estimate.xp,
            SelectedShipMethodID: estimate.SelectedShipMethodID ?? null,
            ShipEstimateItems: estimate.ShipEstimateItems,
            ShipMethods: estimate.ShipMethods.map((m) => ({
              ID: m.ID,
              Name: m.Name,
              Cost: money(m.Cost),
              EstimatedTransitDays: m.EstimatedTransitDays,
              xp: m.xp,
            })),
          })),
          HttpStatusCode: 200,
          UnhandledErrorBody: null,
          xp: {},
          Succeeded: true,
        }
      : null,
    OrderCalculateResponse: calc
      ? {
          LineItemOverrides: [],
          ShippingTotal: money(calc.ShippingTotal),
          TaxTotal: money(calc.TaxTotal),
          FeeTotal: money(calc.FeeTotal),
          HttpStatusCode: 200,
          UnhandledErrorBody: null,
          Succeeded: true,
          xp: {
            TaxCalculation: {
              OrderID: calc.TaxCalculation.OrderID,
              ExternalTransactionID: calc.TaxCalculation.ExternalTransactionID,
              PricesIncludeTax: calc.TaxCalculation.PricesIncludeTax,
              TotalTax: money(calc.TaxCalculation.TotalTax),
              LineItems: calc.TaxCalculation.LineItems.map((l) => ({
                LineItemID: l.LineItemID,
                LineItemTotalTax: money(l.LineItemTotalTax),
                LineItemLevelTaxes: l.LineItemLevelTaxes.map((d) => serializeTaxDetail(d, currency)),
              })),
              OrderLevelTaxes: calc.TaxCalculation.OrderLevelTaxes.map((d) =>
                serializeTaxDetail(d, currency),
              ),
            },
            Fees: calc.Fees.map((f) => ({ ID: f.ID, Name: f.Name, Amount: money(f.Amount) })),
          },
        }
      : null,
    OrderSubmitResponse:
      order.Status !== 'Unsubmitted'
        ? { HttpStatusCode: 200, UnhandledErrorBody: null, xp: {}, Succeeded: true }
        : null,
    OrderSubmitForApprovalResponse: null,
    OrderApprovedResponse: null,
  };
}

export function serializeOrderReturn(
  orderReturn: OrderReturnRecord,
  paymentIds: string[],
): Record<string, unknown> {
  const money = (minor: bigint) => minorToNumber(minor, orderReturn.Currency);
  return {
    ID: orderReturn.ID,
    OrderID: orderReturn.OrderID,
    PaymentIDs: paymentIds,
    Status: orderReturn.Status,
    DateCreated: orderReturn.DateCreated,
    DateSubmitted: orNull(orderReturn.DateSubmitted),
    DateApproved: orNull(orderReturn.DateApproved),
    DateDeclined: orNull(orderReturn.DateDeclined),
    DateCanceled: orNull(orderReturn.DateCanceled),
    DateCompleted: orNull(orderReturn.DateCompleted),
    LastUpdated: orderReturn.LastUpdated,
    RefundAmount: money(orderReturn.RefundAmount),
    Comments: orNull(orderReturn.Comments),
    ItemsToReturn: orderReturn.ItemsToReturn.map((item) => ({
      LineItemID: item.LineItemID,
      Quantity: item.Quantity,
      RefundAmount: money(item.RefundAmount),
      Comments: orNull(item.Comments),
    })),
    xp: orderReturn.xp,
  };
}
