import { z } from 'zod';

// OrderCloud's JSON as it arrives (SDK v12 model fields). OrderCloud sends null for unset fields and
// adds fields over time, so objects are loose and almost everything is nullish; money is a JSON number.
const text = z.string().nullish();
const amount = z.number().nullish();
const flag = z.boolean().nullish();
const xp = z.record(z.string(), z.unknown()).nullish();

export const OcAddressSchema = z.looseObject({
  ID: text,
  CompanyName: text,
  FirstName: text,
  LastName: text,
  Street1: text,
  Street2: text,
  City: text,
  State: text,
  Zip: text,
  Country: text,
  Phone: text,
  AddressName: text,
  xp,
});
export type OcAddress = z.infer<typeof OcAddressSchema>;

/** SDK model BuyerAddress (v1/me/addresses): an Address with the user's Shipping/Billing flags. */
export const OcBuyerAddressSchema = OcAddressSchema.extend({ Shipping: flag, Billing: flag, Editable: flag });
export type OcBuyerAddress = z.infer<typeof OcBuyerAddressSchema>;

/** SDK model AddressAssignment: no UserID and no UserGroupID means the whole buyer (level Company). */
export const OcAddressAssignmentSchema = z.looseObject({
  AddressID: text,
  UserID: text,
  UserGroupID: text,
  IsShipping: flag,
  IsBilling: flag,
});
export type OcAddressAssignment = z.infer<typeof OcAddressAssignmentSchema>;

/** SDK model UserGroupAssignment: a buyer user's membership of a user group. */
export const OcUserGroupAssignmentSchema = z.looseObject({
  UserGroupID: text,
  UserID: text,
});
export type OcUserGroupAssignment = z.infer<typeof OcUserGroupAssignmentSchema>;

/** SDK model Buyer. */
export const OcBuyerSchema = z.looseObject({
  ID: text,
  Name: text,
  Active: flag,
  DefaultCatalogID: text,
  DateCreated: text,
  xp,
});
export type OcBuyer = z.infer<typeof OcBuyerSchema>;

export const OcUserSchema = z.looseObject({
  ID: text,
  CompanyID: text,
  Username: text,
  FirstName: text,
  LastName: text,
  Email: text,
  Phone: text,
  Active: flag,
  DateCreated: text,
  xp,
});
export type OcUser = z.infer<typeof OcUserSchema>;

export const OcOrderSchema = z.looseObject({
  ID: z.string().min(1),
  FromUser: OcUserSchema.nullish(),
  FromCompanyID: text,
  ToCompanyID: text,
  FromUserID: text,
  BillingAddressID: text,
  BillingAddress: OcAddressSchema.nullish(),
  Comments: text,
  LineItemCount: amount,
  Status: text,
  DateCreated: text,
  DateSubmitted: text,
  DateApproved: text,
  DateDeclined: text,
  DateCanceled: text,
  DateCompleted: text,
  LastUpdated: text,
  Subtotal: amount,
  ShippingCost: amount,
  TaxCost: amount,
  Gratuity: amount,
  Fees: amount,
  PromotionDiscount: amount,
  Currency: text,
  Total: amount,
  IsSubmitted: flag,
  xp,
});
export type OcOrder = z.infer<typeof OcOrderSchema>;

export const OcLineItemSchema = z.looseObject({
  ID: z.string().min(1),
  ProductID: z.string().min(1),
  Quantity: amount,
  UnitPrice: amount,
  PromotionDiscount: amount,
  LineTotal: amount,
  LineSubtotal: amount,
  CostCenter: text,
  ShippingAddressID: text,
  Product: z.looseObject({ ID: text, Name: text, Description: text, xp }).nullish(),
  Variant: z.looseObject({ ID: text, Name: text, xp }).nullish(),
  ShippingAddress: OcAddressSchema.nullish(),
  SupplierID: text,
  xp,
});
export type OcLineItem = z.infer<typeof OcLineItemSchema>;

export const OcPaymentTransactionSchema = z.looseObject({
  ID: z.string().min(1),
  Type: text,
  DateExecuted: text,
  Currency: text,
  Amount: amount,
  Succeeded: flag,
  ResultCode: text,
  ResultMessage: text,
  xp,
});
export type OcPaymentTransaction = z.infer<typeof OcPaymentTransactionSchema>;

export const OcPaymentSchema = z.looseObject({
  ID: z.string().min(1),
  Type: z.string().min(1),
  DateCreated: text,
  CreditCardID: text,
  SpendingAccountID: text,
  Description: text,
  Currency: text,
  Amount: amount,
  Accepted: flag,
  OrderReturnID: text,
  xp,
  Transactions: z.array(OcPaymentTransactionSchema).nullish(),
});
export type OcPayment = z.infer<typeof OcPaymentSchema>;

export const OcOrderPromotionSchema = z.looseObject({
  ID: text,
  Code: text,
  Name: text,
  Description: text,
  Amount: amount,
  LineItemID: text,
  LineItemLevel: flag,
  xp,
});
export type OcOrderPromotion = z.infer<typeof OcOrderPromotionSchema>;

// OrderCloud's tax convention (ordercloud-dotnet-catalyst OrderTaxCalculation / TaxDetails, the JS
// catalyst's ITaxCalculator, Headstart): OrderCalculateResponse.xp.TaxCalculation. A TaxDetails carries
// no rate: Tax, Taxable, Exempt, TaxDescription, JurisdictionLevel, JurisdictionValue, and ShipEstimateID
// when it taxes that shipment. TaxableAmount, Rate and JurisdictionCode are accepted from older
// integrations (Rate is a percentage: 10 = 10 %). The JS catalyst serialises camelCase; both are read.
export const OcTaxDetailSchema = z.looseObject({
  Tax: z.number(),
  Taxable: amount,
  Exempt: amount,
  TaxDescription: text,
  JurisdictionLevel: text,
  JurisdictionValue: text,
  ShipEstimateID: text,
  TaxableAmount: amount,
  Rate: amount,
  JurisdictionCode: text,
});
export type OcTaxDetail = z.infer<typeof OcTaxDetailSchema>;

/** camelCase keys (the JS catalyst's JSON) read as OrderCloud's PascalCase; PascalCase wins when both. */
export function pascalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalKeys);
  if (!value || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(source)) {
    const pascal = key.charAt(0).toUpperCase() + key.slice(1);
    if (pascal !== key && pascal in source) continue;
    out[pascal] = pascalKeys(inner);
  }
  return out;
}

export const OcTaxCalculationSchema = z.preprocess(
  pascalKeys,
  z.looseObject({
    OrderID: text,
    ExternalTransactionID: text,
    PricesIncludeTax: flag,
    TotalTax: z.number(),
    LineItems: z
      .array(
        z.looseObject({
          LineItemID: z.string().min(1),
          LineItemTotalTax: z.number(),
          LineItemLevelTaxes: z.array(OcTaxDetailSchema).nullish(),
        }),
      )
      .nullish(),
    OrderLevelTaxes: z.array(OcTaxDetailSchema).nullish(),
  }),
);
export type OcTaxCalculation = z.infer<typeof OcTaxCalculationSchema>;

export const OcOrderCalculateResponseSchema = z.looseObject({
  ShippingTotal: amount,
  TaxTotal: amount,
  FeeTotal: amount,
  Succeeded: flag,
  xp: z
    .preprocess(
      (xp) =>
        xp && typeof xp === 'object' && !('TaxCalculation' in xp) && 'taxCalculation' in xp
          ? { ...xp, TaxCalculation: (xp as { taxCalculation: unknown }).taxCalculation }
          : xp,
      z.looseObject({
        TaxCalculation: OcTaxCalculationSchema.nullish(),
        Fees: z.array(z.looseObject({ ID: text, Name: text, Amount: z.number() })).nullish(),
      }),
    )
    .nullish(),
});

export const OcShipEstimateResponseSchema = z.looseObject({
  ShipEstimates: z
    .array(
      z.looseObject({
        ID: text,
        SelectedShipMethodID: text,
        ShipEstimateItems: z.array(z.looseObject({ LineItemID: text, Quantity: amount })).nullish(),
        ShipMethods: z.array(z.looseObject({ ID: text, Name: text, Cost: amount })).nullish(),
      }),
    )
    .nullish(),
});

export const OcOrderWorksheetSchema = z.looseObject({
  Order: OcOrderSchema,
  LineItems: z.array(OcLineItemSchema).nullish(),
  OrderPromotions: z.array(OcOrderPromotionSchema).nullish(),
  ShipEstimateResponse: OcShipEstimateResponseSchema.nullish(),
  OrderCalculateResponse: OcOrderCalculateResponseSchema.nullish(),
});
export type OcOrderWorksheet = z.infer<typeof OcOrderWorksheetSchema>;

export const OcProductSchema = z.looseObject({
  ID: z.string().min(1),
  Name: text,
  Description: text,
  DefaultPriceScheduleID: text,
  Active: flag,
  VariantCount: amount,
  xp,
});
export type OcProduct = z.infer<typeof OcProductSchema>;

/** SDK models Variant and VariantSpec (the options it was generated from, with their markups). */
export const OcVariantSchema = z.looseObject({
  ID: z.string().min(1),
  Name: text,
  Description: text,
  Active: flag,
  Specs: z
    .array(
      z.looseObject({
        SpecID: text,
        OptionID: text,
        Value: text,
        PriceMarkupType: text,
        PriceMarkup: amount,
      }),
    )
    .nullish(),
  xp,
});
export type OcVariant = z.infer<typeof OcVariantSchema>;

export const OcPriceScheduleSchema = z.looseObject({
  ID: text,
  Name: text,
  Currency: text,
  ApplyTax: flag,
  PriceBreaks: z.array(z.looseObject({ Quantity: amount, Price: amount, SalePrice: amount })).nullish(),
  xp,
});
export type OcPriceSchedule = z.infer<typeof OcPriceScheduleSchema>;

export const OcOrderReturnSchema = z.looseObject({
  ID: z.string().min(1),
  OrderID: z.string().min(1),
  PaymentIDs: z.array(z.string()).nullish(),
  Status: text,
  DateCreated: text,
  DateSubmitted: text,
  DateCompleted: text,
  LastUpdated: text,
  RefundAmount: amount,
  Comments: text,
  ItemsToReturn: z
    .array(
      z.looseObject({
        LineItemID: z.string().min(1),
        Quantity: z.number(),
        RefundAmount: amount,
        Comments: text,
      }),
    )
    .nullish(),
  xp,
});
export type OcOrderReturn = z.infer<typeof OcOrderReturnSchema>;

export const OcListMetaSchema = z.looseObject({
  Page: z.number(),
  PageSize: z.number(),
  TotalCount: z.number(),
  TotalPages: z.number(),
});

const buildListPage = <T extends z.ZodType>(item: T) =>
  z.looseObject({ Items: z.array(item), Meta: OcListMetaSchema });
const listPages = new WeakMap<z.ZodType, z.ZodType>();

/**
 * A list page of `item`s: one schema per item schema, kept. zod compiles an object schema on its first
 * parse, and a schema built for every list call was compiled again on every call.
 */
export function listPageSchema<T extends z.ZodType>(item: T): ReturnType<typeof buildListPage<T>> {
  const kept = listPages.get(item) as ReturnType<typeof buildListPage<T>> | undefined;
  if (kept) return kept;
  const built = buildListPage(item);
  listPages.set(item, built);
  return built;
}
