import type { OrderReturnRecord, SandboxState } from '../state.ts';

// Each order's returns by ID, kept beside `state.orderReturns`: a worker asks for one order's returns,
// and a return's quantities are checked against its order's other returns, among thousands of returns.
// An order ID is matched as OrderCloud filters match it, case aside.

export function addReturnOfOrder(state: SandboxState, orderReturn: OrderReturnRecord): void {
  const key = orderReturn.OrderID.toLowerCase();
  const ids = state.returnsByOrder.get(key) ?? new Set<string>();
  ids.add(orderReturn.ID);
  state.returnsByOrder.set(key, ids);
}

export function removeReturnOfOrder(state: SandboxState, orderReturn: OrderReturnRecord): void {
  const key = orderReturn.OrderID.toLowerCase();
  const ids = state.returnsByOrder.get(key);
  ids?.delete(orderReturn.ID);
  if (ids?.size === 0) state.returnsByOrder.delete(key);
}

/** The order's returns, in the order they were made (the order `state.orderReturns` holds them in). */
export function returnsOfOrder(state: SandboxState, orderId: string): OrderReturnRecord[] {
  const ids = state.returnsByOrder.get(orderId.toLowerCase()) ?? new Set<string>();
  return [...ids].flatMap((id) => {
    const orderReturn = state.orderReturns.get(id);
    return orderReturn ? [orderReturn] : [];
  });
}
