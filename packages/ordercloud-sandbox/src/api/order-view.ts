// The JSON shapes OrderCloud returns (numbers only at this edge).
import { orderTotals } from '../commerce/order-pricing.ts';
import { serializePromotion } from '../catalog/promotions.ts';
import type { OrderTotals } from '../engine/order-totals.ts';
import { decimalToNumber, minorToNumber } from '../money.ts';
import type {
  AddressSnapshot,
  BuiltinCalculationRecord,
  LineItemRecord,
  OrderRecord,
  OrderReturnRecord,
  PaymentRecord,
  PromotionRecord,
  SandboxState,
  TaxDetailRecord,
} from '../state.ts';

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
  const scalars = orderScalars(order);
  return {
    ID: scalars.ID,
    FromUser: {
      ...order.FromUser,
      Phone: orNull(order.FromUser.Phone),
      TermsAccepted: null,
      AvailableRoles: null,
      Locale: null,
      LastActive: null,
      PasswordLastSetDate: null,
    },
    FromCompanyID: scalars.FromCompanyID,
    ToCompanyID: scalars.ToCompanyID,
    FromUserID: scalars.FromUserID,
    BillingAddressID: scalars.BillingAddressID,
    BillingAddress: serializeAddress(order.BillingAddress),
    ShippingAddressID: scalars.ShippingAddressID,
    Comments: scalars.Comments,
    LineItemCount: scalars.LineItemCount,
    Status: scalars.Status,
    DateCreated: scalars.DateCreated,
    DateSubmitted: scalars.DateSubmitted,
    DateApproved: scalars.DateApproved,
    DateDeclined: scalars.DateDeclined,
    DateCanceled: scalars.DateCanceled,
    DateCompleted: scalars.DateCompleted,
    LastUpdated: scalars.LastUpdated,
    Subtotal: money(totals.subtotal),
    ShippingCost: money(order.ShippingCost),
    TaxCost: money(order.TaxCost),
    Gratuity: money(order.Gratuity),
    Fees: money(order.calculation?.FeeTotal ?? 0n),
    PromotionDiscount: money(totals.promotionDiscount),
    Currency: scalars.Currency,
    Total: money(totals.total),
    IsSubmitted: scalars.IsSubmitted,
    SubscriptionID: scalars.SubscriptionID,
    xp: scalars.xp,
  };
}

// The fields of an order that need no pricing: a list filters and sorts on these without serialising
// every order it holds (listing 100,000 orders priced each one for every page).
export function orderScalars(order: OrderRecord) {
  return {
    ID: order.ID,
    FromCompanyID: order.FromCompanyID,
    ToCompanyID: order.ToCompanyID,
    FromUserID: order.FromUserID,
    BillingAddressID: orNull(order.BillingAddressID),
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
    Currency: order.Currency,
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
    InvitationID: null,
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

/** Catalyst's TaxDetails (Tax, Taxable, Exempt, TaxDescription, JurisdictionLevel, JurisdictionValue,
 * ShipEstimateID) plus the sandbox's older extras (TaxableAmount, Rate, JurisdictionCode). */
function serializeTaxDetail(detail: TaxDetailRecord, currency: string): Record<string, unknown> {
  return {
    Tax: minorToNumber(detail.Tax, currency),
    Taxable: minorToNumber(detail.TaxableAmount, currency),
    Exempt: 0,
    TaxDescription: detail.TaxDescription,
    JurisdictionLevel: detail.JurisdictionLevel,
    JurisdictionValue: detail.JurisdictionCode,
    ShipEstimateID: detail.ShipEstimateID ?? null,
    TaxableAmount: minorToNumber(detail.TaxableAmount, currency),
    Rate: decimalToNumber(detail.Rate),
    JurisdictionCode: detail.JurisdictionCode,
  };
}

function serializeBuiltinXp(builtin: BuiltinCalculationRecord, currency: string): Record<string, unknown> {
  const money = (minor: bigint) => minorToNumber(minor, currency);
  const tax = builtin.TaxCalculation;
  return {
    TaxCalculation: {
      OrderID: tax.OrderID,
      ExternalTransactionID: tax.ExternalTransactionID,
      PricesIncludeTax: tax.PricesIncludeTax,
      TotalTax: money(tax.TotalTax),
      LineItems: tax.LineItems.map((l) => ({
        LineItemID: l.LineItemID,
        LineItemTotalTax: money(l.LineItemTotalTax),
        LineItemLevelTaxes: l.LineItemLevelTaxes.map((d) => serializeTaxDetail(d, currency)),
      })),
      OrderLevelTaxes: tax.OrderLevelTaxes.map((d) => serializeTaxDetail(d, currency)),
    },
    Fees: builtin.Fees.map((f) => ({ ID: f.ID, Name: f.Name, Amount: money(f.Amount) })),
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
      serializeOrderPromotion(state, order, {
        promotion,
        amount: applied.amount,
        dateApplied: when,
        ...(applied.lineItemId ? { lineItemId: applied.lineItemId } : {}),
      }),
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
          HttpStatusCode: order.shipEstimateResponse?.HttpStatusCode ?? 200,
          UnhandledErrorBody: order.shipEstimateResponse?.UnhandledErrorBody ?? null,
          xp: order.shipEstimateResponse?.xp ?? {},
          Succeeded: order.shipEstimateResponse?.Succeeded ?? true,
        }
      : null,
    OrderCalculateResponse: calc
      ? {
          LineItemOverrides: calc.LineItemOverrides,
          ShippingTotal: money(calc.ShippingTotal),
          TaxTotal: money(calc.TaxTotal),
          FeeTotal: money(calc.FeeTotal),
          HttpStatusCode: calc.HttpStatusCode,
          UnhandledErrorBody: calc.UnhandledErrorBody,
          Succeeded: calc.Succeeded,
          xp: calc.builtin ? serializeBuiltinXp(calc.builtin, currency) : calc.xp,
        }
      : null,
    OrderSubmitResponse: order.submitResponse
      ? {
          HttpStatusCode: order.submitResponse.HttpStatusCode,
          UnhandledErrorBody: order.submitResponse.UnhandledErrorBody,
          xp: order.submitResponse.xp,
          Succeeded: order.submitResponse.Succeeded,
        }
      : null,
    OrderSubmitForApprovalResponse: null,
    OrderApprovedResponse: null,
    Subscription: null,
    SubscriptionIntegrationResponse: null,
  };
}

export function serializeOrderPromotion(
  _state: SandboxState,
  order: OrderRecord,
  entry: { promotion: PromotionRecord; amount: bigint; dateApplied: string; lineItemId?: string },
): Record<string, unknown> {
  return {
    Amount: minorToNumber(entry.amount, order.Currency),
    LineItemID: entry.lineItemId ?? null,
    AmountOverridden: false,
    DateApplied: entry.dateApplied,
    ...serializePromotion(entry.promotion),
  };
}

export function serializeOrderReturn(
  orderReturn: OrderReturnRecord,
  paymentIds: string[],
): Record<string, unknown> {
  const money = (minor: bigint) => minorToNumber(minor, orderReturn.Currency);
  const scalars = orderReturnScalars(orderReturn);
  return {
    ID: scalars.ID,
    OrderID: scalars.OrderID,
    PaymentIDs: paymentIds,
    Status: scalars.Status,
    DateCreated: scalars.DateCreated,
    DateSubmitted: scalars.DateSubmitted,
    DateApproved: scalars.DateApproved,
    DateDeclined: scalars.DateDeclined,
    DateCanceled: scalars.DateCanceled,
    DateCompleted: scalars.DateCompleted,
    LastUpdated: scalars.LastUpdated,
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

/** A return's own fields, without its payments: a list filters and sorts on these (see orderScalars). */
export function orderReturnScalars(orderReturn: OrderReturnRecord) {
  return {
    ID: orderReturn.ID,
    OrderID: orderReturn.OrderID,
    Status: orderReturn.Status,
    DateCreated: orderReturn.DateCreated,
    DateSubmitted: orNull(orderReturn.DateSubmitted),
    DateApproved: orNull(orderReturn.DateApproved),
    DateDeclined: orNull(orderReturn.DateDeclined),
    DateCanceled: orNull(orderReturn.DateCanceled),
    DateCompleted: orNull(orderReturn.DateCompleted),
    LastUpdated: orderReturn.LastUpdated,
  };
}
