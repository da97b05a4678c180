import type { SyncEvent } from '@ledgerbridge/canonical';
import {
  type SyncCustomerDeps,
  syncAddressHolders,
  syncCompany,
  syncCustomer,
  syncGroupMembers,
  syncSavedAddress,
} from './sync-customer.ts';

type CustomerEventType =
  | 'customer.updated'
  | 'company.updated'
  | 'address.updated'
  | 'group.updated'
  | 'customer.address-saved';
type CustomerEvent = Extract<SyncEvent, { type: CustomerEventType }>;

// One handler per event that reaches a Xero contact without an order (decision 0097).
const handlers: {
  [T in CustomerEventType]: (
    deps: SyncCustomerDeps,
    event: Extract<CustomerEvent, { type: T }>,
  ) => Promise<unknown>;
} = {
  'customer.updated': (deps, e) =>
    syncCustomer(deps, { connectionId: e.connectionId, customerId: e.customerId }),
  'company.updated': (deps, e) => syncCompany(deps, { connectionId: e.connectionId, companyId: e.companyId }),
  'address.updated': (deps, e) =>
    syncAddressHolders(deps, {
      connectionId: e.connectionId,
      companyId: e.companyId,
      addressId: e.addressId,
    }),
  'group.updated': (deps, e) =>
    syncGroupMembers(deps, { connectionId: e.connectionId, companyId: e.companyId, groupId: e.groupId }),
  'customer.address-saved': (deps, e) =>
    syncSavedAddress(deps, { connectionId: e.connectionId, username: e.username, address: e.address }),
};

export function isCustomerEvent(event: SyncEvent): event is CustomerEvent {
  return event.type in handlers;
}

/** Brings the Xero contacts an OrderCloud customer event touches in line. */
export async function syncCustomerEvent(deps: SyncCustomerDeps, event: CustomerEvent): Promise<void> {
  await (handlers[event.type] as (deps: SyncCustomerDeps, event: CustomerEvent) => Promise<unknown>)(
    deps,
    event,
  );
}
