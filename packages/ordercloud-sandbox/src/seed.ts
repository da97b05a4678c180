import { buyerDefaultRoles } from './auth/actor.ts';
import type { AdminUserRecord, ApiClientRecord, SandboxState, UserRecord, Xp } from './state.ts';

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
  apiClients?: SeedApiClient[];
  adminUsers?: SeedAdminUser[];
  buyers?: SeedBuyer[];
  users?: SeedUser[];
};

export function defaultMarketplaceSeed(): MarketplaceSeed {
  return {
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
      },
      {
        ID: sandboxDefaults.storefrontClientId,
        AppName: 'Storefront',
        IsAnonBuyer: true,
        DefaultContextUserName: sandboxDefaults.anonymousUsername,
        RefreshTokenDuration: 1440,
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
