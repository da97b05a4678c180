import { fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import {
  Addresses,
  ApiClients,
  Buyers,
  type ApiRole,
  Auth,
  IntegrationEvents,
  LineItems,
  OrderReturns,
  Orders,
  Payments,
  PriceSchedules,
  Products,
  type RequestOptions,
  Specs,
  UserGroups,
  Users,
} from 'ordercloud-javascript-sdk';
import { z } from 'zod';
import {
  listPageSchema,
  type OcAddress,
  type OcAddressAssignment,
  OcAddressAssignmentSchema,
  OcAddressSchema,
  type OcBuyer,
  OcBuyerSchema,
  type OcOrder,
  type OcOrderReturn,
  OcOrderReturnSchema,
  OcOrderSchema,
  type OcOrderWorksheet,
  OcOrderWorksheetSchema,
  type OcLineItem,
  OcLineItemSchema,
  type OcPayment,
  OcPaymentSchema,
  type OcPriceSchedule,
  OcPriceScheduleSchema,
  type OcProduct,
  OcProductSchema,
  type OcUser,
  type OcUserGroupAssignment,
  OcUserGroupAssignmentSchema,
  OcUserSchema,
  type OcVariant,
  OcVariantSchema,
} from '../api-types.ts';
import { asOrderCloudError, mapOrderCloudError } from './error-mapping.ts';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from './retry.ts';
import { ensureTransport, registerRoute, unregisterRoute } from './sdk-transport.ts';
import { createTokenCache } from './token-cache.ts';

export type OrderCloudClientConfig = {
  /** Unique per marketplace connection in this process (e.g. the connection ID). */
  connectionKey: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: ApiRole[];
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  now?: () => number;
  fetch?: typeof fetch;
};

export type Direction = 'Incoming' | 'Outgoing' | 'All';
export type PageInfo = { page: number; pageSize: number; totalCount: number; totalPages: number };

export type OrderCloudClient = {
  getOrder(input: { orderId: string; direction?: Direction }): Promise<Result<OcOrder>>;
  getWorksheet(input: { orderId: string; direction?: Direction }): Promise<Result<OcOrderWorksheet>>;
  listLineItems(input: { orderId: string; direction?: Direction }): Promise<Result<OcLineItem[]>>;
  listPayments(input: { orderId: string; direction?: Direction }): Promise<Result<OcPayment[]>>;
  listOrderReturns(input: { orderId: string }): Promise<Result<OcOrderReturn[]>>;
  /** The returns of many orders in one list (OrderID filter with alternatives `a|b|…`), page by page. */
  listOrderReturnsOf(input: { orderIds: readonly string[] }): Promise<Result<OcOrderReturn[]>>;
  getUser(input: { userId: string }): Promise<Result<OcUser>>;
  /** The buyer user with this username (usernames are unique in a marketplace), or undefined. */
  findUserByUsername(input: { username: string }): Promise<Result<OcUser | undefined>>;
  getBuyer(input: { buyerId: string }): Promise<Result<OcBuyer>>;
  getAddress(input: { buyerId: string; addressId: string }): Promise<Result<OcAddress>>;
  /** Address assignments of a buyer (Addresses.ListAssignments), filtered as OrderCloud allows. */
  listAddressAssignments(input: {
    buyerId: string;
    addressId?: string;
    userId?: string;
    userGroupId?: string;
    level?: 'User' | 'Group' | 'Company';
    isBilling?: boolean;
  }): Promise<Result<OcAddressAssignment[]>>;
  /** Memberships of a buyer's user groups (UserGroups.ListUserAssignments), by group and/or user. */
  listUserGroupAssignments(input: {
    buyerId: string;
    userGroupId?: string;
    userId?: string;
  }): Promise<Result<OcUserGroupAssignment[]>>;
  getProduct(input: { productId: string }): Promise<Result<OcProduct>>;
  getPriceSchedule(input: { priceScheduleId: string }): Promise<Result<OcPriceSchedule>>;
  /** Every product of the marketplace (pages of 100), for the catalog's first-connect match. */
  listProducts(): Promise<Result<OcProduct[]>>;
  listPriceSchedules(): Promise<Result<OcPriceSchedule[]>>;
  patchProductDescription(input: { productId: string; description: string }): Promise<Result<OcProduct>>;
  /** Replaces a schedule's price breaks (OrderCloud patches arrays whole). */
  patchPriceBreaks(input: {
    priceScheduleId: string;
    priceBreaks: ReadonlyArray<{ Quantity: number; Price: number }>;
  }): Promise<Result<OcPriceSchedule>>;
  listVariants(input: { productId: string }): Promise<Result<OcVariant[]>>;
  /** Product IDs a spec is assigned to (Specs.ListProductAssignments). */
  listSpecProducts(input: { specId: string }): Promise<Result<string[]>>;
  listSubmittedOrders(input: {
    since: string;
    page?: number;
    pageSize?: number;
  }): Promise<Result<{ orders: OcOrder[]; page: PageInfo }>>;
  patchUser(input: {
    buyerId: string;
    userId: string;
    patch: { Phone?: string; xp?: Record<string, unknown> };
  }): Promise<Result<OcUser>>;
  /** Only the inventory's quantity: whether inventory limits orders stays the merchant's choice. */
  patchProductQuantity(input: { productId: string; quantityAvailable: number }): Promise<Result<OcProduct>>;
  patchProductName(input: { productId: string; name: string }): Promise<Result<OcProduct>>;
  /** A variant's own fields: its name, description or inventory's quantity (SDK model Variant). */
  patchVariant(input: {
    productId: string;
    variantId: string;
    patch: { Name?: string; Description?: string; Inventory?: { QuantityAvailable: number } };
  }): Promise<Result<OcVariant>>;
  patchOrderXp(input: {
    orderId: string;
    xp: Record<string, unknown>;
    direction?: Direction;
  }): Promise<Result<OcOrder>>;
  completeOrder(input: { orderId: string; direction?: Direction }): Promise<Result<OcOrder>>;
  /** IDs of the template users anonymous shoppers check out as (DefaultContextUserName of anonymous-buyer API clients). */
  listAnonymousShopperUserIds(): Promise<Result<string[]>>;
  close(): void;
};

const pageSizeMax = 100;
const ApiClientSchema = z.looseObject({
  ID: z.string().nullish(),
  IsAnonBuyer: z.boolean().nullish(),
  DefaultContextUserName: z.string().nullish(),
});

export function createOrderCloudClient(config: OrderCloudClientConfig): OrderCloudClient {
  const now = config.now ?? Date.now;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...config.retry };
  const requestType = registerRoute(config.connectionKey, {
    apiUrl: config.apiUrl,
    timeoutMs: config.timeoutMs ?? 30_000,
    fetch: config.fetch ?? fetch,
  });

  const tokens = createTokenCache({
    now,
    fetchToken: () =>
      withRetry(async () => {
        try {
          ensureTransport();
          const issued = await Auth.ClientCredentials(
            config.clientSecret,
            config.clientId,
            config.scope,
            undefined,
            { requestType },
          );
          if (!issued.access_token || !issued.expires_in)
            return fail(permanent('ordercloud.token', 'token response without access_token'));
          return ok({ accessToken: issued.access_token, expiresInSeconds: issued.expires_in });
        } catch (error) {
          return fail(mapOrderCloudError(error, { operation: 'token', tokenRequest: true, now: now() }));
        }
      }, policy),
  });

  /** One SDK call: token, transport, one refresh on 401, retries, errors mapped once, response parsed. */
  async function call<S extends z.ZodType>(
    operation: string,
    schema: S,
    invoke: (options: RequestOptions) => Promise<unknown>,
  ): Promise<Result<z.infer<S>>> {
    return withRetry(async () => {
      for (let refreshed = false; ; refreshed = true) {
        const token = await tokens.get();
        if (!token.ok) return token;
        try {
          ensureTransport();
          const raw = await invoke({ accessToken: token.value, requestType });
          const parsed = schema.safeParse(raw);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            return fail(
              permanent(
                'ordercloud.unexpected_response',
                `${operation}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
              ),
            );
          }
          return ok(parsed.data);
        } catch (error) {
          if (!refreshed && asOrderCloudError(error)?.status === 401) {
            tokens.invalidate();
            continue;
          }
          return fail(mapOrderCloudError(error, { operation, now: now() }));
        }
      }
    }, policy);
  }

  async function listAll<T extends z.ZodType>(
    operation: string,
    item: T,
    fetchPage: (page: number, options: RequestOptions) => Promise<unknown>,
  ): Promise<Result<z.infer<T>[]>> {
    const schema = listPageSchema(item);
    const items: z.infer<T>[] = [];
    for (let page = 1; ; page += 1) {
      const result = await call(`${operation} page ${page}`, schema, (options) => fetchPage(page, options));
      if (!result.ok) return result;
      items.push(...(result.value.Items as z.infer<T>[]));
      if (page >= result.value.Meta.TotalPages) return ok(items);
    }
  }

  return {
    getOrder: ({ orderId, direction = 'Incoming' }) =>
      call(`get order ${orderId}`, OcOrderSchema, (o) => Orders.Get(direction, orderId, o)),
    getWorksheet: ({ orderId, direction = 'Incoming' }) =>
      call(`get worksheet ${orderId}`, OcOrderWorksheetSchema, (o) =>
        IntegrationEvents.GetWorksheet(direction, orderId, o),
      ),
    listLineItems: ({ orderId, direction = 'Incoming' }) =>
      listAll(`list line items ${orderId}`, OcLineItemSchema, (page, o) =>
        LineItems.List(direction, orderId, { page, pageSize: pageSizeMax }, o),
      ),
    listPayments: ({ orderId, direction = 'Incoming' }) =>
      listAll(`list payments ${orderId}`, OcPaymentSchema, (page, o) =>
        Payments.List(direction, orderId, { page, pageSize: pageSizeMax }, o),
      ),
    listOrderReturns: ({ orderId }) =>
      listAll(`list order returns ${orderId}`, OcOrderReturnSchema, (page, o) =>
        OrderReturns.List({ page, pageSize: pageSizeMax, filters: { OrderID: orderId } }, o),
      ),
    listOrderReturnsOf: ({ orderIds }) =>
      listAll(`list order returns of ${orderIds.length} orders`, OcOrderReturnSchema, (page, o) =>
        OrderReturns.List({ page, pageSize: pageSizeMax, filters: { OrderID: orderIds.join('|') } }, o),
      ),
    async getUser({ userId }) {
      const result = await call(`get user ${userId}`, listPageSchema(OcUserSchema), (o) =>
        Users.ListAcrossBuyers({ filters: { ID: userId }, pageSize: 1 }, o),
      );
      if (!result.ok) return result;
      const user = result.value.Items[0];
      return user
        ? ok(user)
        : fail(permanent('ordercloud.not_found', `get user ${userId}: User ${userId} not found`));
    },
    async findUserByUsername({ username }) {
      const result = await call(`find user ${username}`, listPageSchema(OcUserSchema), (o) =>
        Users.ListAcrossBuyers({ filters: { Username: username }, pageSize: 1 }, o),
      );
      return result.ok ? ok(result.value.Items[0]) : result;
    },
    getBuyer: ({ buyerId }) => call(`get buyer ${buyerId}`, OcBuyerSchema, (o) => Buyers.Get(buyerId, o)),
    getAddress: ({ buyerId, addressId }) =>
      call(`get address ${addressId} of buyer ${buyerId}`, OcAddressSchema, (o) =>
        Addresses.Get(buyerId, addressId, o),
      ),
    listAddressAssignments: ({ buyerId, ...filters }) =>
      listAll(`list address assignments of buyer ${buyerId}`, OcAddressAssignmentSchema, (page, o) =>
        Addresses.ListAssignments(
          buyerId,
          {
            ...(filters.addressId ? { addressID: filters.addressId } : {}),
            ...(filters.userId ? { userID: filters.userId } : {}),
            ...(filters.userGroupId ? { userGroupID: filters.userGroupId } : {}),
            ...(filters.level ? { level: filters.level } : {}),
            ...(filters.isBilling !== undefined ? { isBilling: filters.isBilling } : {}),
            page,
            pageSize: pageSizeMax,
          },
          o,
        ),
      ),
    listUserGroupAssignments: ({ buyerId, userGroupId, userId }) =>
      listAll(`list user group members of buyer ${buyerId}`, OcUserGroupAssignmentSchema, (page, o) =>
        UserGroups.ListUserAssignments(
          buyerId,
          {
            ...(userGroupId ? { userGroupID: userGroupId } : {}),
            ...(userId ? { userID: userId } : {}),
            page,
            pageSize: pageSizeMax,
          },
          o,
        ),
      ),
    getProduct: ({ productId }) =>
      call(`get product ${productId}`, OcProductSchema, (o) => Products.Get(productId, o)),
    listVariants: ({ productId }) =>
      listAll(`list variants of product ${productId}`, OcVariantSchema, (page, o) =>
        Products.ListVariants(productId, { page, pageSize: pageSizeMax }, o),
      ),
    async listSpecProducts({ specId }) {
      const listed = await listAll(
        `list products of spec ${specId}`,
        z.looseObject({ SpecID: z.string().nullish(), ProductID: z.string().nullish() }),
        (page, o) =>
          Specs.ListProductAssignments({ filters: { SpecID: specId }, page, pageSize: pageSizeMax }, o),
      );
      return listed.ok ? ok(listed.value.flatMap((a) => (a.ProductID ? [a.ProductID] : []))) : listed;
    },
    getPriceSchedule: ({ priceScheduleId }) =>
      call(`get price schedule ${priceScheduleId}`, OcPriceScheduleSchema, (o) =>
        PriceSchedules.Get(priceScheduleId, o),
      ),
    listProducts: () =>
      listAll('list products', OcProductSchema, (page, o) =>
        Products.List({ page, pageSize: pageSizeMax }, o),
      ),
    listPriceSchedules: () =>
      listAll('list price schedules', OcPriceScheduleSchema, (page, o) =>
        PriceSchedules.List({ page, pageSize: pageSizeMax }, o),
      ),
    patchProductDescription: ({ productId, description }) =>
      call(`describe product ${productId}`, OcProductSchema, (o) =>
        Products.Patch(productId, { Description: description }, o),
      ),
    patchPriceBreaks: ({ priceScheduleId, priceBreaks }) =>
      call(`price schedule ${priceScheduleId}`, OcPriceScheduleSchema, (o) =>
        PriceSchedules.Patch(priceScheduleId, { PriceBreaks: [...priceBreaks] }, o),
      ),
    async listSubmittedOrders({ since, page = 1, pageSize = pageSizeMax }) {
      const result = await call(`list orders submitted since ${since}`, listPageSchema(OcOrderSchema), (o) =>
        Orders.List(
          'Incoming',
          {
            filters: { DateSubmitted: `>${since}`, IsSubmitted: true },
            sortBy: ['DateSubmitted'],
            page,
            pageSize: Math.min(pageSize, pageSizeMax),
          },
          o,
        ),
      );
      if (!result.ok) return result;
      const meta = result.value.Meta;
      return ok({
        orders: result.value.Items,
        page: {
          page: meta.Page,
          pageSize: meta.PageSize,
          totalCount: meta.TotalCount,
          totalPages: meta.TotalPages,
        },
      });
    },
    patchOrderXp: ({ orderId, xp, direction = 'Incoming' }) =>
      call(`patch order ${orderId}`, OcOrderSchema, (o) => Orders.Patch(direction, orderId, { xp }, o)),
    patchUser: ({ buyerId, userId, patch }) =>
      call(`patch user ${userId}`, OcUserSchema, (o) => Users.Patch(buyerId, userId, patch as never, o)),
    patchProductQuantity: ({ productId, quantityAvailable }) =>
      call(`patch inventory of product ${productId}`, OcProductSchema, (o) =>
        Products.Patch(productId, { Inventory: { QuantityAvailable: quantityAvailable } }, o),
      ),
    patchProductName: ({ productId, name }) =>
      call(`rename product ${productId}`, OcProductSchema, (o) =>
        Products.Patch(productId, { Name: name }, o),
      ),
    patchVariant: ({ productId, variantId, patch }) =>
      call(`patch variant ${variantId} of product ${productId}`, OcVariantSchema, (o) =>
        Products.PatchVariant(productId, variantId, patch, o),
      ),
    completeOrder: ({ orderId, direction = 'Incoming' }) =>
      call(`complete order ${orderId}`, OcOrderSchema, (o) => Orders.Complete(direction, orderId, o)),
    async listAnonymousShopperUserIds() {
      const clients = await listAll('list anonymous API clients', ApiClientSchema, (page, o) =>
        ApiClients.List({ page, pageSize: pageSizeMax, filters: { IsAnonBuyer: true } }, o),
      );
      if (!clients.ok) return clients;
      const usernames = [
        ...new Set(
          clients.value.flatMap((c) => (c.DefaultContextUserName ? [c.DefaultContextUserName] : [])),
        ),
      ];
      const ids: string[] = [];
      for (const username of usernames) {
        const users = await call(`find user ${username}`, listPageSchema(OcUserSchema), (o) =>
          Users.ListAcrossBuyers({ filters: { Username: username }, pageSize: 1 }, o),
        );
        if (!users.ok) return users;
        const id = users.value.Items[0]?.ID;
        if (id) ids.push(id);
      }
      return ok(ids);
    },
    close() {
      unregisterRoute(config.connectionKey);
    },
  };
}
