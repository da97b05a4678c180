import type { CommerceSource } from '@ledgerbridge/canonical';
import { createOrderCloudAdapter, createOrderCloudClient } from '@ledgerbridge/ordercloud';
import type { Keyring } from '../crypto/keyring.ts';
import type { Db } from '../db/database.ts';
import { getOrderCloudConnectionSecrets } from './ordercloud-connections-repo.ts';

/** One CommerceSource per OrderCloud connection, built on first use (for the console's reads of OrderCloud). */
export function createCommerceSources(deps: { db: Db; keyring: Keyring }) {
  const sources = new Map<string, Promise<CommerceSource>>();
  return (connectionId: string): Promise<CommerceSource> => {
    let source = sources.get(connectionId);
    if (!source) {
      source = getOrderCloudConnectionSecrets(deps, connectionId).then((secrets) => {
        if (!secrets) throw new Error(`OrderCloud connection ${connectionId} is unknown or disconnected`);
        return createOrderCloudAdapter({
          client: createOrderCloudClient({
            connectionKey: secrets.id,
            apiUrl: secrets.apiUrl,
            clientId: secrets.clientId,
            clientSecret: secrets.clientSecret,
          }),
          mapping: { pricesIncludeTaxDefault: false },
        });
      });
      source.catch(() => sources.delete(connectionId));
      sources.set(connectionId, source);
    }
    return source;
  };
}
