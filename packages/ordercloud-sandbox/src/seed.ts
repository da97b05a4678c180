import { buyerDefaultRoles } from './auth/actor.ts';
import { builtinCheckoutEventId, builtinCheckoutUrl } from './integrations/checkout-integration.ts';
import type {
  AdminUserRecord,
  ApiClientRecord,
  IntegrationEventRecord,
  SandboxState,
  UserRecord,
  Xp,
} from './state.ts';

// The marketplace a fresh sandbox starts with: an integration API client (client credentials, full
// access, as Ledgerbridge connects), a public storefront client (buyer logins + anonymous shoppers),
// and the anonymous template user guests check out as.
export const sandboxDefaults = {
  sellerId: 'ledgerbridge-marketplace',
  integrationClientId: 'ledgerbridge-integration',
  integrationClientSecret: 'sandbox-integration-secret',
  integrationUsername: 'integration-admin',
  storefrontClientId: 'storefront',
  guestBuyerId: 'guests',
  anonymousUsername: 'anonymous-shopper',
  anonymousUserId: 'anonymous-shopper',
} as const;

export type SeedApiClient = Partial<Omit<ApiClientRecord, 'ID'>> & { ID: string };
export type SeedAdminUser = Partial<Omit<AdminUserRecord, 'ID' | 'Username'>> & {
  ID: string;
  Username: string;
};
export type SeedBuyer = { ID: string; Name: string; xp?: Xp; currency?: string };
export type SeedUser = Partial<Omit<UserRecord, 'ID' | 'BuyerID' | 'Username'>> & {
  ID: string;
  BuyerID: string;
  Username: string;
};

export type MarketplaceSeed = {
  integrationEvents?: IntegrationEventRecord[];
  apiClients?: SeedApiClient[];
  adminUsers?: SeedAdminUser[];
  buyers?: SeedBuyer[];
  users?: SeedUser[];
};

/** The sandbox's own checkout engine as an OrderCheckout integration event (answered in process). */
export function builtinCheckoutEvent(): IntegrationEventRecord {
  return {
    ID: builtinCheckoutEventId,
    Name: 'Sandbox checkout (built-in shipping, fees and tax)',
    EventType: 'OrderCheckout',
    CustomImplementationUrl: builtinCheckoutUrl,
    HashKey: 'sandbox-checkout-hash-key',
    ElevatedRoles: [],
    ConfigData: null,
  };
}

export function defaultMarketplaceSeed(): MarketplaceSeed {
  return {
    integrationEvents: [builtinCheckoutEvent()],
    adminUsers: [
      {
        ID: sandboxDefaults.integrationUsername,
        Username: sandboxDefaults.integrationUsername,
        Password: 'integration-admin-Passw0rd',
        Roles: ['FullAccess'],
      },
    ],
    apiClients: [
      {
        ID: sandboxDefaults.integrationClientId,
        ClientSecret: sandboxDefaults.integrationClientSecret,
        AppName: 'Ledgerbridge integration',
        DefaultContextUserName: sandboxDefaults.integrationUsername,
        AllowSeller: true,
        OrderCheckoutIntegrationEventID: builtinCheckoutEventId,
      },
      {
        ID: sandboxDefaults.storefrontClientId,
        AppName: 'Storefront',
        IsAnonBuyer: true,
        DefaultContextUserName: sandboxDefaults.anonymousUsername,
        RefreshTokenDuration: 1440,
        OrderCheckoutIntegrationEventID: builtinCheckoutEventId,
      },
    ],
    buyers: [{ ID: sandboxDefaults.guestBuyerId, Name: 'Guest shoppers' }],
    users: [
      {
        ID: sandboxDefaults.anonymousUserId,
        BuyerID: sandboxDefaults.guestBuyerId,
        Username: sandboxDefaults.anonymousUsername,
        FirstName: '',
        LastName: '',
        Email: '',
      },
    ],
  };
}

export function applySeed(state: SandboxState, seed: MarketplaceSeed, now: string): void {
  for (const event of seed.integrationEvents ?? []) state.integrationEvents.set(event.ID, { ...event });
  for (const user of seed.adminUsers ?? []) {
    state.adminUsers.set(user.ID, {
      FirstName: '',
      LastName: '',
      Email: '',
      Active: true,
      Roles: ['FullAccess'],
      xp: {},
      ...user,
    });
  }
  for (const client of seed.apiClients ?? []) {
    state.apiClients.set(client.ID, {
      AppName: client.ID,
      Active: true,
      AccessTokenDuration: 600,
      RefreshTokenDuration: 0,
      IsAnonBuyer: false,
      AllowSeller: false,
      AllowAnyBuyer: true,
      Roles: [],
      xp: {},
      ...client,
    });
  }
  for (const buyer of seed.buyers ?? []) {
    state.buyers.set(buyer.ID, {
      ID: buyer.ID,
      Name: buyer.Name,
      Active: true,
      DateCreated: now,
      xp: buyer.xp ?? {},
    });
    if (buyer.currency) {
      const localeId = `locale-${buyer.currency.toLowerCase()}`;
      state.locales.set(localeId, { ID: localeId, Currency: buyer.currency });
      state.localeAssignments = state.localeAssignments.filter((a) => a.BuyerID !== buyer.ID);
      state.localeAssignments.push({ LocaleID: localeId, BuyerID: buyer.ID });
    }
  }
  for (const user of seed.users ?? []) {
    state.users.set(user.ID, {
      FirstName: '',
      LastName: '',
      Email: '',
      Active: true,
      DateCreated: now,
      Roles: [...buyerDefaultRoles],
      xp: {},
      ...user,
    });
  }
}
