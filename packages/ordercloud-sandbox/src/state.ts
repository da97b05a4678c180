import type { Decimal } from './money.ts';

// The simulator's whole marketplace, in memory. Records keep money exact (bigint minor units /
// Decimal prices); the serializers in api/ turn them into OrderCloud's JSON shapes.

export type Xp = Record<string, unknown>;

export type ApiClientRecord = {
  ID: string;
  ClientSecret?: string;
  AppName: string;
  Active: boolean;
  AccessTokenDuration: number; // minutes, as OrderCloud counts it
  RefreshTokenDuration: number; // minutes; 0 = no refresh tokens
  DefaultContextUserName?: string;
  IsAnonBuyer: boolean;
  AllowSeller: boolean;
  AllowAnyBuyer: boolean;
  Roles: string[];
  OrderCheckoutIntegrationEventID?: string;
  OrderReturnIntegrationEventID?: string;
  AddToCartIntegrationEventID?: string;
  xp: Xp;
};

export type IntegrationEventType = 'OrderCheckout' | 'OpenIDConnect' | 'OrderReturn' | 'AddToCart';

export type IntegrationEventRecord = {
  ID: string;
  Name: string;
  EventType: IntegrationEventType;
  CustomImplementationUrl: string;
  HashKey: string;
  ElevatedRoles: string[];
  ConfigData: unknown;
  CustomAuthHeaderName?: string;
  CustomAuthHeaderValue?: string;
};

export type AdminUserRecord = {
  ID: string;
  Username: string;
  Password?: string;
  FirstName: string;
  LastName: string;
  Email: string;
  Active: boolean;
  Roles: string[];
  xp: Xp;
};

export type BuyerRecord = {
  ID: string;
  Name: string;
  Active: boolean;
  DefaultCatalogID?: string;
  DateCreated: string;
  xp: Xp;
};

export type UserRecord = {
  ID: string;
  BuyerID: string;
  Username: string;
  Password?: string;
  FirstName: string;
  LastName: string;
  Email: string;
  Phone?: string;
  Active: boolean;
  DateCreated: string;
  Roles: string[];
  xp: Xp;
};

export type AddressRecord = {
  ID: string;
  BuyerID: string;
  UserID?: string; // set for addresses created through /me/addresses
  DateCreated: string;
  CompanyName?: string;
  FirstName?: string;
  LastName?: string;
  Street1: string;
  Street2?: string;
  City: string;
  State?: string;
  Zip?: string;
  Country: string;
  Phone?: string;
  AddressName?: string;
  Shipping: boolean;
  Billing: boolean;
  xp: Xp;
};

export type ProductRecord = {
  ID: string;
  Name: string;
  Description?: string;
  DefaultPriceScheduleID?: string;
  QuantityMultiplier: number;
  ShipWeight?: number;
  Active: boolean;
  Returnable: boolean;
  DateCreated: string;
  /** The SDK's Inventory model (models/Inventory.d.ts); stored, not enforced at checkout. */
  Inventory?: InventoryRecord;
  xp: Xp;
};

/** SDK model SpecOption; `PriceMarkup` kept as the exact decimal it was given. */
export type SpecOptionRecord = {
  ID: string;
  Value: string;
  ListOrder: number;
  IsOpenText: boolean;
  PriceMarkupType: 'NoMarkup' | 'AmountPerQuantity' | 'AmountTotal' | 'Percentage';
  PriceMarkup?: Decimal;
  xp: Xp;
};

/** SDK model Spec (v12: `DefinesVariant` on the spec). */
export type SpecRecord = {
  ID: string;
  Name: string;
  ListOrder: number;
  DefaultValue?: string;
  Required: boolean;
  AllowOpenText: boolean;
  DefaultOptionID?: string;
  DefinesVariant: boolean;
  xp: Xp;
  Options: SpecOptionRecord[];
};

export type SpecProductAssignmentRecord = {
  SpecID: string;
  ProductID: string;
  DefaultValue?: string;
  DefaultOptionID?: string;
};

/** SDK model Variant: one combination of a product's variant-defining spec options. */
export type VariantRecord = {
  ID: string;
  Name: string;
  Description?: string;
  Active: boolean;
  /** The option IDs it was generated from, in spec order (what `generate` compares). */
  OptionIDs: string[];
  /** SDK model VariantInventory; absent until one is written. */
  Inventory?: VariantInventoryRecord;
  xp: Xp;
};

export type VariantInventoryRecord = {
  QuantityAvailable: number | null;
  NotificationPoint: number | null;
  LastUpdated: string;
};

export type InventoryRecord = {
  Enabled: boolean;
  NotificationPoint: number | null;
  VariantLevelTracking: boolean;
  OrderCanExceed: boolean;
  QuantityAvailable: number | null;
  LastUpdated: string;
};

export type PriceBreakRecord = { Quantity: number; Price: Decimal; SalePrice?: Decimal };

export type PriceScheduleRecord = {
  ID: string;
  Name: string;
  ApplyTax: boolean;
  ApplyShipping: boolean;
  MinQuantity: number;
  MaxQuantity?: number;
  Currency?: string;
  PriceBreaks: PriceBreakRecord[];
  SaleStart?: string;
  SaleEnd?: string;
  xp: Xp;
};

export type ProductAssignmentRecord = { ProductID: string; BuyerID: string; PriceScheduleID?: string };

export type PromotionRecord = {
  ID: string;
  Code: string;
  Name?: string;
  Description?: string;
  LineItemLevel: boolean;
  EligibleExpression: string;
  ValueExpression: string;
  CanCombine: boolean;
  AutoApply: boolean;
  Active: boolean;
  AllowAllBuyers: boolean;
  StartDate?: string;
  ExpirationDate?: string;
  Priority?: number;
  RedemptionCount: number;
  xp: Xp;
};

export type CatalogRecord = {
  ID: string;
  OwnerID: string;
  Name: string;
  Description?: string;
  Active: boolean;
  xp: Xp;
};
export type CatalogAssignmentRecord = {
  CatalogID: string;
  BuyerID: string;
  ViewAllCategories: boolean;
  ViewAllProducts: boolean;
};
export type ProductCatalogAssignmentRecord = { CatalogID: string; ProductID: string };
export type PromotionAssignmentRecord = { PromotionID: string; BuyerID: string };

export type SecurityProfileRecord = {
  ID: string;
  Name: string;
  Roles: string[];
  CustomRoles: string[];
  PasswordConfig: unknown;
};
/** Exactly one of BuyerID / UserID (with BuyerID) / none (the marketplace owner) is set. */
export type SecurityProfileAssignmentRecord = {
  SecurityProfileID: string;
  BuyerID?: string;
  UserID?: string;
};
export type ApiClientAssignmentRecord = { ApiClientID: string; BuyerID: string };

export type ShipmentItemRecord = { OrderID: string; LineItemID: string; QuantityShipped: number; xp: Xp };
export type ShipmentRecord = {
  ID: string;
  BuyerID?: string;
  Shipper?: string;
  DateShipped?: string;
  DateDelivered?: string;
  TrackingNumber?: string;
  Cost?: bigint;
  Currency?: string;
  Account?: string;
  FromAddressID?: string;
  ToAddressID?: string;
  xp: Xp;
  items: ShipmentItemRecord[];
};

export type AddressAssignmentRecord = {
  AddressID: string;
  BuyerID: string;
  UserID?: string; // none (and no group): every user of the buyer
  UserGroupID?: string; // every user of the buyer's group
  IsShipping: boolean;
  IsBilling: boolean;
};

/** SDK model UserGroup, within its buyer (IDs are unique per buyer). */
export type UserGroupRecord = {
  ID: string;
  BuyerID: string;
  Name: string;
  Description?: string;
  xp: Xp;
};

/** SDK model UserGroupAssignment: a user is a member of a group of its buyer. */
export type UserGroupAssignmentRecord = { BuyerID: string; UserGroupID: string; UserID: string };

export type CreditCardRecord = {
  ID: string;
  Token?: string;
  DateCreated: string;
  CardType?: string;
  PartialAccountNumber?: string;
  CardholderName?: string;
  ExpirationDate?: string;
  xp: Xp;
};

export type LocaleRecord = { ID: string; Currency: string; Language?: string };
export type LocaleAssignmentRecord = { LocaleID: string; BuyerID: string };

export type OrderStatus = 'Unsubmitted' | 'AwaitingApproval' | 'Declined' | 'Open' | 'Completed' | 'Canceled';

export type AddressSnapshot = Omit<AddressRecord, 'ID' | 'BuyerID' | 'UserID' | 'Shipping' | 'Billing'> & {
  ID?: string;
};

export type LineItemRecord = {
  ID: string;
  ProductID: string;
  Quantity: number;
  UnitPrice: Decimal;
  DateAdded: string;
  QuantityShipped: number;
  CostCenter?: string;
  DateNeeded?: string;
  ShippingAddressID?: string;
  ShippingAddress?: AddressSnapshot;
  PriceScheduleID?: string;
  PriceOverridden: boolean;
  IsOnSale: boolean;
  Product: {
    ID: string;
    Name: string;
    Description?: string;
    Returnable: boolean;
    QuantityMultiplier: number;
    ShipWeight?: number;
    xp: Xp;
  };
  xp: Xp;
};

export type PaymentTransactionRecord = {
  ID: string;
  Type: string;
  DateExecuted: string;
  Currency: string;
  Amount?: bigint;
  Succeeded: boolean;
  ResultCode?: string;
  ResultMessage?: string;
  xp: Xp;
};

export type PaymentRecord = {
  ID: string;
  Type: 'PurchaseOrder' | 'CreditCard' | 'SpendingAccount';
  DateCreated: string;
  CreditCardID?: string;
  SpendingAccountID?: string;
  Description?: string;
  Currency: string;
  Amount: bigint;
  Accepted: boolean;
  OrderReturnID?: string;
  Transactions: PaymentTransactionRecord[];
  xp: Xp;
};

export type ShipMethodRecord = {
  ID: string;
  Name: string;
  Cost: bigint;
  EstimatedTransitDays: number;
  xp: Xp;
};
export type ShipEstimateRecord = {
  ID: string;
  SelectedShipMethodID?: string;
  ShipEstimateItems: { LineItemID: string; Quantity: number }[];
  ShipMethods: ShipMethodRecord[];
  xp: Xp;
};

export type TaxDetailRecord = {
  TaxableAmount: bigint;
  Tax: bigint;
  Rate: Decimal;
  JurisdictionLevel: string;
  JurisdictionCode: string;
  TaxDescription: string;
  ShipEstimateID?: string;
};

export type TaxCalculationRecord = {
  OrderID: string;
  ExternalTransactionID: string;
  PricesIncludeTax: boolean;
  TotalTax: bigint;
  LineItems: { LineItemID: string; LineItemTotalTax: bigint; LineItemLevelTaxes: TaxDetailRecord[] }[];
  OrderLevelTaxes: TaxDetailRecord[];
};

export type FeeRecord = { ID: string; Name: string; Amount: bigint };

/** What the built-in checkout integration keeps typed (exact) instead of as returned JSON. */
export type BuiltinCalculationRecord = { TaxCalculation: TaxCalculationRecord; Fees: FeeRecord[] };

/** How the merchant's endpoint answered: stored on the worksheet as OrderCloud does. */
export type IntegrationCallRecord = {
  HttpStatusCode: number;
  UnhandledErrorBody: string | null;
  Succeeded: boolean;
};

export type CalculationRecord = IntegrationCallRecord & {
  ShippingTotal: bigint;
  TaxTotal: bigint; // what lands in Order.TaxCost: 0 when prices include tax
  FeeTotal: bigint;
  LineItemOverrides: unknown[];
  xp: unknown; // as the endpoint returned it (built-in: derived from `builtin`)
  builtin?: BuiltinCalculationRecord;
};

export type ShipEstimateResponseRecord = IntegrationCallRecord & { xp: unknown };
export type SubmitResponseRecord = IntegrationCallRecord & { xp: unknown };

export type AppliedPromotionRecord = { PromotionID: string; DateApplied: string };

export type OrderRecord = {
  ID: string;
  FromUserID: string;
  FromCompanyID: string;
  ToCompanyID: string;
  FromUser: Omit<UserRecord, 'Password' | 'Roles' | 'BuyerID'> & { CompanyID: string };
  CreatedByClientID: string;
  BillingAddressID?: string;
  BillingAddress?: AddressSnapshot;
  Comments?: string;
  Status: OrderStatus;
  DateCreated: string;
  DateSubmitted?: string;
  DateApproved?: string;
  DateDeclined?: string;
  DateCanceled?: string;
  DateCompleted?: string;
  LastUpdated: string;
  Currency: string;
  Gratuity: bigint;
  ShippingCost: bigint; // set by calculate, or by a client holding OverrideShipping
  TaxCost: bigint; // set by calculate, or by a client holding OverrideTax
  xp: Xp;
  lineItems: Map<string, LineItemRecord>;
  promotions: AppliedPromotionRecord[];
  shipEstimates?: ShipEstimateRecord[];
  shipEstimateResponse?: ShipEstimateResponseRecord;
  calculation?: CalculationRecord;
  submitResponse?: SubmitResponseRecord;
  calculationStale: boolean;
  payments: Map<string, PaymentRecord>;
  anonymousOrderToken?: string;
};

export type OrderReturnRecord = {
  ID: string;
  OrderID: string;
  Status: OrderStatus;
  DateCreated: string;
  DateSubmitted?: string;
  DateApproved?: string;
  DateDeclined?: string;
  DateCanceled?: string;
  DateCompleted?: string;
  LastUpdated: string;
  RefundAmount: bigint;
  Currency: string;
  Comments?: string;
  ItemsToReturn: { LineItemID: string; Quantity: number; RefundAmount: bigint; Comments?: string }[];
  xp: Xp;
};

export type WebhookRecord = {
  ID: string;
  Name: string;
  Description?: string;
  Url: string;
  HashKey?: string;
  ElevatedRoles: string[];
  ConfigData: unknown;
  BeforeProcessRequest: boolean;
  ApiClientIDs: string[];
  WebhookRoutes: { Route: string; Verb: string }[];
};

export type RefreshTokenRecord = {
  token: string;
  clientId: string;
  username: string;
  userType: 'admin' | 'buyer';
  expiresAt: number;
};

export type SandboxState = {
  sellerId: string;
  apiClients: Map<string, ApiClientRecord>;
  adminUsers: Map<string, AdminUserRecord>;
  buyers: Map<string, BuyerRecord>;
  users: Map<string, UserRecord>; // keyed by user ID; IDs are unique across buyers here
  addresses: Map<string, AddressRecord>;
  products: Map<string, ProductRecord>;
  specs: Map<string, SpecRecord>;
  specProductAssignments: SpecProductAssignmentRecord[];
  /** product ID → its variants, in generation order */
  variants: Map<string, VariantRecord[]>;
  priceSchedules: Map<string, PriceScheduleRecord>;
  productAssignments: ProductAssignmentRecord[];
  promotions: Map<string, PromotionRecord>;
  promotionAssignments: PromotionAssignmentRecord[];
  catalogs: Map<string, CatalogRecord>;
  catalogAssignments: CatalogAssignmentRecord[];
  productCatalogAssignments: ProductCatalogAssignmentRecord[];
  securityProfiles: Map<string, SecurityProfileRecord>;
  securityProfileAssignments: SecurityProfileAssignmentRecord[];
  apiClientAssignments: ApiClientAssignmentRecord[];
  shipments: Map<string, ShipmentRecord>;
  activeCarts: Map<string, string>;
  creditCards: Map<string, Map<string, CreditCardRecord>>;
  /** `{buyerID}/{userGroupID}` → the group */
  userGroups: Map<string, UserGroupRecord>;
  userGroupAssignments: UserGroupAssignmentRecord[];
  addressAssignments: AddressAssignmentRecord[]; // user ID → their saved cards (v1/me/creditcards) // user ID → the order Cart.SetActiveCart chose
  locales: Map<string, LocaleRecord>;
  localeAssignments: LocaleAssignmentRecord[];
  orders: Map<string, OrderRecord>;
  orderReturns: Map<string, OrderReturnRecord>;
  /** lower-cased order ID → its returns' IDs (commerce/returns-by-order.ts keeps it) */
  returnsByOrder: Map<string, Set<string>>;
  webhooks: Map<string, WebhookRecord>;
  integrationEvents: Map<string, IntegrationEventRecord>;
  refreshTokens: Map<string, RefreshTokenRecord>;
};

export function createEmptyState(sellerId = 'ledgerbridge-marketplace'): SandboxState {
  return {
    sellerId,
    apiClients: new Map(),
    adminUsers: new Map(),
    buyers: new Map(),
    users: new Map(),
    addresses: new Map(),
    products: new Map(),
    specs: new Map(),
    specProductAssignments: [],
    variants: new Map(),
    priceSchedules: new Map(),
    productAssignments: [],
    promotions: new Map(),
    promotionAssignments: [],
    catalogs: new Map(),
    catalogAssignments: [],
    productCatalogAssignments: [],
    securityProfiles: new Map(),
    securityProfileAssignments: [],
    apiClientAssignments: [],
    shipments: new Map(),
    activeCarts: new Map(),
    creditCards: new Map(),
    userGroups: new Map(),
    userGroupAssignments: [],
    addressAssignments: [],
    locales: new Map(),
    localeAssignments: [],
    orders: new Map(),
    orderReturns: new Map(),
    returnsByOrder: new Map(),
    webhooks: new Map(),
    integrationEvents: new Map(),
    refreshTokens: new Map(),
  };
}
