import {
  type CommerceSource,
  type Customer,
  fail,
  type IntegrationState,
  isRetryable,
  ok,
  type Order,
  type Payment,
  permanent,
  type Product,
  type Refund,
  type Result,
  type ValueProfile,
} from '@ledgerbridge/canonical';
import type { OcAddress, OcAddressAssignment, OcVariant } from './api-types.ts';
import type { OrderCloudClient } from './client/ordercloud-client.ts';
import { mapSafely } from './mapping/mapping-problem.ts';
import { mapBuyerToCompany, mapUserToCustomer } from './mapping/customer-mapper.ts';
import { mapWorksheetToOrder, type OrderMappingOptions } from './mapping/order-mapper.ts';
import { mapPayment } from './mapping/payment-mapper.ts';
import { mapProduct } from './mapping/product-mapper.ts';
import { mapOrderReturn } from './mapping/refund-mapper.ts';
import {
  lineScope,
  orderScope,
  type ResolvedSources,
  resolveSources,
  resolveVariantSku,
} from './mapping/source-paths.ts';
import { profileValues } from './mapping/value-profiles.ts';

export type OrderCloudAdapterConfig = {
  client: OrderCloudClient;
  mapping: OrderMappingOptions;
  /** Where integration state lives in Order.xp (Headstart keeps NeedsAttention at the top level too). */
  xpNamespace?: string;
  reconciliationPageSize?: number;
  /** Anonymous shoppers all check out as one template user; unless switched off, the adapter asks
   * OrderCloud which users those are (anonymous-buyer API clients) and treats them as guests. */
  discoverAnonymousShoppers?: boolean;
  now?: () => number;
};

const discoveryTtlMs = 10 * 60_000;

function collect<T>(results: Result<T>[]): Result<T[]> {
  const values: T[] = [];
  for (const result of results) {
    if (!result.ok) return result;
    values.push(result.value);
  }
  return ok(values);
}

/** CommerceSource over OrderCloud: reads through the client, maps with the pure mappers. */
export function createOrderCloudAdapter(config: OrderCloudAdapterConfig): CommerceSource {
  const { client } = config;
  const namespace = config.xpNamespace ?? 'Ledgerbridge';
  const now = config.now ?? Date.now;
  let discovered: { ids: string[]; at: number } | undefined;
  let discovering: Promise<Result<string[]>> | undefined;

  async function anonymousUserIds(): Promise<Result<string[]>> {
    if (discovered && now() - discovered.at <= discoveryTtlMs) return ok(discovered.ids);
    discovering ??= client.listAnonymousShopperUserIds().finally(() => {
      discovering = undefined;
    });
    const ids = await discovering;
    // Without ApiClientReader the lookup is refused: carry on with the configured IDs rather than
    // failing every order; transient failures still fail (and retry) the job.
    if (!ids.ok && isRetryable(ids.error)) return ids;
    discovered = { ids: ids.ok ? ids.value : [], at: now() };
    return ok(discovered.ids);
  }

  async function mappingOptions(): Promise<Result<OrderMappingOptions>> {
    if (config.discoverAnonymousShoppers === false) return ok(config.mapping);
    const ids = await anonymousUserIds();
    if (!ids.ok) return ids;
    const configured = config.mapping.anonymousUserIds ?? [];
    return ok({ ...config.mapping, anonymousUserIds: [...new Set([...configured, ...ids.value])] });
  }

  /**
   * The billing address OrderCloud assigns: the user's own assignment, else one assigned to a user group
   * the user belongs to, else the company-wide one (the lowest address ID when several at a level, so the
   * choice is stable; decisions 0097, 0125). A shopper's private addresses are not readable here (they
   * arrive with their webhook).
   */
  async function billingAddressOf(input: {
    buyerId: string;
    userId?: string;
  }): Promise<Result<OcAddress | undefined>> {
    const levels = input.userId ? (['User', 'Group', 'Company'] as const) : (['Company'] as const);
    for (const level of levels) {
      const assignments = await billingAssignmentsAt(input.buyerId, level, input.userId);
      if (!assignments.ok) return assignments;
      const addressId = assignments.value.flatMap((a) => (a.AddressID ? [a.AddressID] : [])).sort()[0];
      if (addressId) return client.getAddress({ buyerId: input.buyerId, addressId });
    }
    return ok(undefined);
  }

  /** A level's billing assignments that reach the user: its own, its groups', or the company's. */
  async function billingAssignmentsAt(
    buyerId: string,
    level: 'User' | 'Group' | 'Company',
    userId: string | undefined,
  ): Promise<Result<OcAddressAssignment[]>> {
    if (level !== 'Group')
      return client.listAddressAssignments({
        buyerId,
        level,
        isBilling: true,
        ...(level === 'User' && userId ? { userId } : {}),
      });
    const memberships = await client.listUserGroupAssignments({ buyerId, ...(userId ? { userId } : {}) });
    if (!memberships.ok) return memberships;
    const groups = new Set(memberships.value.flatMap((m) => (m.UserGroupID ? [m.UserGroupID] : [])));
    if (groups.size === 0) return ok([]);
    const assignments = await client.listAddressAssignments({ buyerId, level: 'Group', isBilling: true });
    if (!assignments.ok) return assignments;
    return ok(assignments.value.filter((a) => a.UserGroupID && groups.has(a.UserGroupID)));
  }

  /** The users of a buyer's user group, by ID (sorted, so a sync goes through them in a stable order). */
  async function membersOf(buyerId: string, userGroupId: string): Promise<Result<string[]>> {
    const memberships = await client.listUserGroupAssignments({ buyerId, userGroupId });
    if (!memberships.ok) return memberships;
    return ok([...new Set(memberships.value.flatMap((m) => (m.UserID ? [m.UserID] : [])))].sort());
  }

  async function currencyOf(orderId: string): Promise<Result<string>> {
    const order = await client.getOrder({ orderId });
    if (!order.ok) return order;
    const currency = order.value.Currency ?? config.mapping.defaultCurrency;
    return currency
      ? ok(currency)
      : fail(permanent('ordercloud.mapping', `order ${orderId} has no currency`));
  }

  /** The order's completed returns as refunds, with the money that went back. */
  async function refundsOf(orderId: string): Promise<Result<Refund[]>> {
    const returns = await client.listOrderReturns({ orderId });
    if (!returns.ok) return returns;
    const completed = returns.value.filter((r) => r.Status === 'Completed');
    if (completed.length === 0) return ok([]);
    const [currency, lines, payments] = await Promise.all([
      currencyOf(orderId),
      client.listLineItems({ orderId }),
      client.listPayments({ orderId }),
    ]);
    if (!currency.ok) return currency;
    if (!lines.ok) return lines;
    if (!payments.ok) return payments;
    return collect(
      completed.map((orderReturn) =>
        mapOrderReturn({
          orderReturn,
          currency: currency.value,
          lineItems: lines.value,
          payments: payments.value,
        }),
      ),
    );
  }

  return {
    async getOrder({ orderId, sources }): Promise<Result<Order>> {
      const [worksheet, options] = await Promise.all([client.getWorksheet({ orderId }), mappingOptions()]);
      if (!worksheet.ok) return worksheet;
      if (!options.ok) return options;
      let sheet = worksheet.value;
      const expected = sheet.Order.LineItemCount ?? 0;
      if (!sheet.LineItems || sheet.LineItems.length < expected) {
        // Worksheets carry every line today; fall back to paging if one ever arrives short.
        const lines = await client.listLineItems({ orderId });
        if (!lines.ok) return lines;
        sheet = { ...sheet, LineItems: lines.value };
      }
      let resolved: ResolvedSources;
      try {
        resolved = await resolveSources({
          order: sheet.Order,
          lineItems: sheet.LineItems ?? [],
          paths: sources,
        });
      } catch (error) {
        // A JSONata expression that fails on this order's data is the merchant's to fix, not a retry.
        return fail(
          permanent(
            'ordercloud.mapping',
            `order ${orderId}: a source path failed: ${(error as Error).message}`,
          ),
        );
      }
      return mapWorksheetToOrder({ worksheet: sheet, options: options.value, resolved });
    },

    async profileSourceValues({ orderIds }): Promise<Result<ValueProfile[]>> {
      // The worksheets the sync reads: the order with its buyer, each line with its product and variant.
      const orders: Array<Record<string, unknown>> = [];
      const lines: Array<Record<string, unknown>> = [];
      for (const orderId of orderIds) {
        const worksheet = await client.getWorksheet({ orderId });
        if (!worksheet.ok) return worksheet;
        const order = worksheet.value.Order;
        orders.push(orderScope(order));
        for (const line of worksheet.value.LineItems ?? []) lines.push(lineScope(order, line));
      }
      return ok([
        ...profileValues({
          records: lines,
          roots: ['product', 'variant', 'line'],
          level: 'line',
          skip: namespace,
        }),
        ...profileValues({ records: orders, roots: ['order', 'user'], level: 'order', skip: namespace }),
      ]);
    },

    async getPayments({ orderId }): Promise<Result<Payment[]>> {
      const payments = await client.listPayments({ orderId });
      if (!payments.ok) return payments;
      // Refund payments belong to order returns (getRefunds), never to captured money.
      const captures = payments.value.filter((p) => !p.OrderReturnID);
      let orderCurrency = '';
      if (captures.some((p) => !p.Currency)) {
        const currency = await currencyOf(orderId);
        if (!currency.ok) return currency;
        orderCurrency = currency.value;
      }
      return collect(captures.map((payment) => mapPayment({ payment, orderId, orderCurrency })));
    },

    getRefunds: ({ orderId }) => refundsOf(orderId),

    async getRefundsOf({ orderIds }): Promise<Result<Map<string, Refund[]>>> {
      // One list for all (100 orders a page); only orders with a completed return read more.
      const returns = await client.listOrderReturnsOf({ orderIds });
      if (!returns.ok) return returns;
      const refunds = new Map<string, Refund[]>(orderIds.map((id) => [id, []]));
      const returned = new Set(returns.value.filter((r) => r.Status === 'Completed').map((r) => r.OrderID));
      for (const orderId of returned) {
        const one = await refundsOf(orderId);
        if (!one.ok) return one;
        refunds.set(orderId, one.value);
      }
      return ok(refunds);
    },

    async getCustomer({ customerId }): Promise<Result<Customer>> {
      const [user, options] = await Promise.all([client.getUser({ userId: customerId }), mappingOptions()]);
      if (!user.ok) return user;
      if (!options.ok) return options;
      const buyerId = user.value.CompanyID;
      const address = buyerId ? await billingAddressOf({ buyerId, userId: customerId }) : ok(undefined);
      if (!address.ok) return address;
      return mapSafely(`user ${customerId}`, () =>
        mapUserToCustomer(user.value, options.value, address.value),
      );
    },

    async getCompany({ companyId }): Promise<Result<Customer | undefined>> {
      const [buyer, options, address] = await Promise.all([
        client.getBuyer({ buyerId: companyId }),
        mappingOptions(),
        billingAddressOf({ buyerId: companyId }),
      ]);
      if (!buyer.ok) return buyer;
      if (!options.ok) return options;
      if (!address.ok) return address;
      return mapSafely(`buyer ${companyId}`, () =>
        mapBuyerToCompany(buyer.value, options.value, address.value),
      );
    },

    async addressHolders({ companyId, addressId }) {
      const assignments = await client.listAddressAssignments({
        buyerId: companyId,
        addressId,
        isBilling: true,
      });
      if (!assignments.ok) return assignments;
      // A group's billing address bills each of its members (decision 0125).
      const customerIds = new Set(assignments.value.flatMap((a) => (a.UserID ? [a.UserID] : [])));
      const groups = [...new Set(assignments.value.flatMap((a) => (a.UserGroupID ? [a.UserGroupID] : [])))];
      for (const group of groups.sort()) {
        const members = await membersOf(companyId, group);
        if (!members.ok) return members;
        for (const member of members.value) customerIds.add(member);
      }
      return ok({
        customerIds: [...customerIds].sort(),
        company: assignments.value.some((a) => !a.UserID && !a.UserGroupID),
      });
    },

    groupMembers: ({ companyId, groupId }) => membersOf(companyId, groupId),

    productsOfSpec: ({ specId }) => client.listSpecProducts({ specId }),

    async customerOfUsername({ username }) {
      const user = await client.findUserByUsername({ username });
      return user.ok ? ok(user.value?.ID ?? undefined) : user;
    },

    async getProduct({ productId, sources }): Promise<Result<Product>> {
      const product = await client.getProduct({ productId });
      if (!product.ok) return product;
      let variants: Array<{ variant: OcVariant; sku: string | undefined }> | undefined;
      if ((product.value.VariantCount ?? 0) > 0) {
        const listed = await client.listVariants({ productId });
        if (!listed.ok) return listed;
        variants = [];
        for (const variant of listed.value)
          variants.push({
            variant,
            sku: await resolveVariantSku({ product: product.value, variant, configured: sources?.sku }),
          });
      }
      const scheduleId = product.value.DefaultPriceScheduleID;
      if (!scheduleId) return mapProduct({ product: product.value, ...(variants ? { variants } : {}) });
      const schedule = await client.getPriceSchedule({ priceScheduleId: scheduleId });
      if (!schedule.ok && schedule.error.code !== 'ordercloud.not_found') return schedule;
      return mapProduct({
        product: product.value,
        priceSchedule: schedule.ok ? schedule.value : undefined,
        ...(variants ? { variants } : {}),
      });
    },

    async listSubmittedOrdersSince({ since, page = 1 }) {
      const result = await client.listSubmittedOrders({
        since,
        page,
        pageSize: config.reconciliationPageSize ?? 100,
      });
      if (!result.ok) return result;
      const info = result.value.page;
      return ok({
        orderIds: result.value.orders.map((o) => o.ID),
        orders: result.value.orders.map((o) => ({
          id: o.ID,
          customerId: o.FromUserID ?? o.FromUser?.ID ?? null,
          submittedAt: o.DateSubmitted ?? null,
        })),
        ...(info.page < info.totalPages ? { nextPage: info.page + 1 } : {}),
      });
    },

    async updateCustomer({ customerId, fields }) {
      const user = await client.getUser({ userId: customerId });
      if (!user.ok) return user;
      if (!user.value.CompanyID)
        return fail(permanent('ordercloud.mapping', `user ${customerId} belongs to no buyer`));
      const patched = await client.patchUser({
        buyerId: user.value.CompanyID,
        userId: customerId,
        patch: {
          ...(fields.phone !== undefined ? { Phone: fields.phone } : {}),
          // OrderCloud keeps addresses apart from users; the billing address Xero holds rides in xp.
          ...(fields.billingAddress
            ? { xp: { [namespace]: { BillingAddress: fields.billingAddress } } }
            : {}),
        },
      });
      return patched.ok ? ok(undefined) : patched;
    },

    async setProductStock({ productId, variantId, quantityAvailable }) {
      // A variant keeps its own VariantInventory; whether it limits orders is the product's
      // VariantLevelTracking, the merchant's choice.
      const patched = variantId
        ? await client.patchVariant({
            productId,
            variantId,
            patch: { Inventory: { QuantityAvailable: quantityAvailable } },
          })
        : await client.patchProductQuantity({ productId, quantityAvailable });
      return patched.ok ? ok(undefined) : patched;
    },

    async listProducts() {
      const [products, schedules] = await Promise.all([client.listProducts(), client.listPriceSchedules()]);
      if (!products.ok) return products;
      if (!schedules.ok) return schedules;
      const scheduleOf = new Map(schedules.value.map((s) => [s.ID, s]));
      const mapped: Product[] = [];
      for (const product of products.value) {
        const schedule = product.DefaultPriceScheduleID
          ? scheduleOf.get(product.DefaultPriceScheduleID)
          : undefined;
        const one = mapProduct({ product, ...(schedule ? { priceSchedule: schedule } : {}) });
        if (!one.ok) return one;
        mapped.push(one.value);
      }
      return ok(mapped);
    },

    async setProductField({ productId, variantId, field, value }) {
      if (variantId) {
        // A variant is priced by its product's schedule and its options' markups: no price of its own.
        if (field === 'price')
          return fail(
            permanent('ordercloud.not-supported', `variant ${variantId} has no price of its own to set`),
          );
        const patch = field === 'name' ? { Name: value } : { Description: value };
        const patched = await client.patchVariant({ productId, variantId, patch });
        return patched.ok ? ok(undefined) : patched;
      }
      if (field !== 'price') {
        const patched =
          field === 'name'
            ? await client.patchProductName({ productId, name: value })
            : await client.patchProductDescription({ productId, description: value });
        return patched.ok ? ok(undefined) : patched;
      }
      // The price is the schedule's single-unit break (the one the sync reads); other breaks stay.
      const product = await client.getProduct({ productId });
      if (!product.ok) return product;
      const scheduleId = product.value.DefaultPriceScheduleID;
      if (!scheduleId)
        return fail(permanent('ordercloud.mapping', `product ${productId} has no default price schedule`));
      const schedule = await client.getPriceSchedule({ priceScheduleId: scheduleId });
      if (!schedule.ok) return schedule;
      const breaks = [...(schedule.value.PriceBreaks ?? [])]
        .map((b) => ({ Quantity: b.Quantity ?? 1, Price: b.Price ?? 0 }))
        .sort((a, b) => a.Quantity - b.Quantity);
      // OrderCloud's Price is a JSON number: the decimal text is parsed once, no arithmetic on it.
      const price = Number(value);
      if (!Number.isFinite(price))
        return fail(permanent('ordercloud.mapping', `price ${value} is not a number`));
      const [first, ...rest] = breaks;
      const priceBreaks = [{ Quantity: first?.Quantity ?? 1, Price: price }, ...rest];
      const patched = await client.patchPriceBreaks({ priceScheduleId: scheduleId, priceBreaks });
      return patched.ok ? ok(undefined) : patched;
    },

    async renameProduct({ productId, variantId, name }) {
      const patched = variantId
        ? await client.patchVariant({ productId, variantId, patch: { Name: name } })
        : await client.patchProductName({ productId, name });
      return patched.ok ? ok(undefined) : patched;
    },

    async writeBack({
      orderId,
      state,
      status,
    }: {
      orderId: string;
      state: IntegrationState;
      status?: 'Completed';
    }): Promise<Result<void>> {
      // PATCH deep-merges xp, so fields we no longer know are cleared with null rather than omitted.
      const patched = await client.patchOrderXp({
        orderId,
        xp: {
          [namespace]: {
            InvoiceID: state.invoiceId ?? null,
            InvoiceNumber: state.invoiceNumber ?? null,
            InvoiceStatus: state.invoiceStatus ?? null,
            AmountPaid: state.amountPaid ?? null,
            NeedsAttention: state.needsAttention,
            Message: state.message ?? null,
            SyncedAt: state.syncedAt,
          },
          NeedsAttention: state.needsAttention,
        },
      });
      if (!patched.ok) return patched;
      if (status !== 'Completed' || patched.value.Status === 'Completed') return ok(undefined);
      if (patched.value.Status !== 'Open') {
        return fail(
          permanent(
            'ordercloud.cannot_complete',
            `order ${orderId} is ${patched.value.Status ?? 'unknown'}, only Open orders can be completed`,
          ),
        );
      }
      const completed = await client.completeOrder({ orderId });
      if (completed.ok) return ok(undefined);
      // Another writer (a Xero payment event, a late write-back) may have completed it since the patch:
      // the order being Completed is what was asked for.
      const now = await client.getOrder({ orderId });
      return now.ok && now.value.Status === 'Completed' ? ok(undefined) : completed;
    },
  };
}
