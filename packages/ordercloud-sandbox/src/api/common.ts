import type { Actor } from '../auth/actor.ts';
import { ApiError, badRequest, idInUse, insufficientRoles, notFound } from '../errors.ts';
import type { AddressRecord, AddressSnapshot, OrderRecord, SandboxState } from '../state.ts';
import type { CommerceContext, RouteContext } from './context.ts';

export function nowIso(ctx: CommerceContext): string {
  return ctx.core.clock.nowIso();
}

export function newId(
  ctx: CommerceContext,
  requested: string | undefined,
  exists: (id: string) => boolean,
  objectType: string,
): string {
  if (requested !== undefined && requested !== '') {
    if (!/^[A-Za-z0-9_.\-:@]{1,100}$/.test(requested)) {
      throw badRequest('InvalidRequest', `ID contains characters OrderCloud does not allow: ${requested}`, {
        ID: requested,
      });
    }
    if (exists(requested)) throw idInUse(objectType, requested);
    return requested;
  }
  return ctx.core.newId(exists);
}

export function param(ctx: RouteContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new ApiError(500, 'InternalError', `route parameter ${name} missing`);
  return value;
}

export function requireAdmin(actor: Actor, roles: readonly string[] = []): void {
  if (actor.kind !== 'admin') throw insufficientRoles(roles.length ? roles : ['FullAccess']);
}

export type Direction = 'Incoming' | 'Outgoing' | 'All';

export function parseDirection(value: string): Direction {
  const lower = value.toLowerCase();
  if (lower === 'incoming') return 'Incoming';
  if (lower === 'outgoing') return 'Outgoing';
  if (lower === 'all') return 'All';
  throw badRequest('InvalidRequest', `Direction must be Incoming, Outgoing or All: ${value}`, {
    Direction: value,
  });
}

/** Sellers see buyers' orders as Incoming; buyers see their own as Outgoing; All is the union. */
export function canSeeOrder(actor: Actor, order: OrderRecord, direction: Direction): boolean {
  if (actor.kind === 'admin') return direction !== 'Outgoing';
  if (direction === 'Incoming') return false;
  if (actor.anonymousOrderId) return order.ID === actor.anonymousOrderId;
  return order.FromUserID === actor.userId;
}

export function findOrder(ctx: CommerceContext, direction: string, orderId: string): OrderRecord {
  const dir = parseDirection(direction);
  const order = ctx.state.orders.get(orderId);
  if (!order || !canSeeOrder(ctx.actor, order, dir)) throw notFound('Order', orderId);
  return order;
}

/** A route on one order (`{direction}/{orderID}` in its template), handled with the order found. */
export function orderRoute(handler: (ctx: RouteContext, order: OrderRecord) => unknown) {
  return (ctx: RouteContext) => handler(ctx, findOrder(ctx, param(ctx, 'direction'), param(ctx, 'orderID')));
}

export function snapshotAddress(address: AddressRecord): AddressSnapshot {
  const { BuyerID: _buyer, UserID: _user, Shipping: _s, Billing: _b, ...rest } = address;
  return { ...rest };
}

export function findBuyerAddress(
  state: SandboxState,
  actor: Actor,
  buyerId: string,
  addressId: string,
): AddressRecord {
  const address = state.addresses.get(addressId);
  const visible =
    address !== undefined &&
    address.BuyerID === buyerId &&
    (address.UserID === undefined || actor.kind === 'admin' || address.UserID === actor.userId);
  if (!address || !visible) throw notFound('Address', addressId);
  return address;
}

export function touch(ctx: CommerceContext, order: OrderRecord): void {
  order.LastUpdated = nowIso(ctx);
}

/** OrderCloud nulls shipping estimates and the calculation whenever the order's contents change
 * (order-checkout-integration.mdx, step 7); the costs a calculation set go with it (a guess). */
export function invalidateCalculation(order: OrderRecord, options: { shipping: boolean }): void {
  if (order.calculation?.Succeeded) {
    order.ShippingCost = 0n;
    order.TaxCost = 0n;
  }
  order.calculation = undefined;
  if (options.shipping) {
    order.shipEstimates = undefined;
    order.shipEstimateResponse = undefined;
  }
}

export function requireUnsubmitted(order: OrderRecord, action: string): void {
  if (order.Status !== 'Unsubmitted') {
    throw badRequest(
      'Order.CannotModifySubmitted',
      `Cannot ${action}: order ${order.ID} has status ${order.Status}.`,
      {
        OrderID: order.ID,
        Status: order.Status,
      },
    );
  }
}
