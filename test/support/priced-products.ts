import { sandboxDefaults } from '@ledgerbridge/ordercloud-sandbox';
import type { XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { Auth, Configuration, PriceSchedules, Products } from 'ordercloud-javascript-sdk';
import { XeroClient } from 'xero-node';

export type PricedProduct = { id: string; sku: string; name: string; price: number };

/**
 * A marketplace's own priced products (a default price schedule each, in AUD), created through
 * OrderCloud's SDK as the integration client; answers the token for later SDK calls.
 */
export async function createPricedProducts(
  orderCloudUrl: string,
  products: readonly PricedProduct[],
): Promise<{ accessToken: string }> {
  Configuration.Set({ baseApiUrl: orderCloudUrl });
  const token = await Auth.ClientCredentials(
    sandboxDefaults.integrationClientSecret,
    sandboxDefaults.integrationClientId,
  );
  const oc = { accessToken: token.access_token ?? '' };
  for (const p of products) {
    await PriceSchedules.Create(
      { ID: `${p.id}-ps`, Name: p.name, Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: p.price }] },
      oc,
    );
    await Products.Create(
      { ID: p.id, Name: p.name, DefaultPriceScheduleID: `${p.id}-ps`, xp: { SKU: p.sku } },
      oc,
    );
  }
  return oc;
}

/** xero-node pointed at the sandbox, with a token for one organisation (the merchant's own Xero use). */
export async function xeroApiFor(xero: XeroSandbox, tenantId: string): Promise<XeroClient> {
  const tokens = await xero.admin.issueTokens({ tenantIds: [tenantId] });
  const api = new XeroClient();
  api.setTokenSet({ access_token: tokens.access_token, token_type: 'Bearer' });
  api.accountingApi.basePath = xero.apiBasePath;
  return api;
}
