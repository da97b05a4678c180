import type { ClientSDK } from '@sitecore-marketplace-sdk/client';

/**
 * Connects to the Marketplace host (the handshake of @sitecore-marketplace-sdk/client) from inside its
 * iframe. `hostOrigin` pins the host when it is not one the SDK trusts by itself.
 */
export async function connectToHost(hostOrigin: string | null): Promise<ClientSDK> {
  const { ClientSDK: Sdk } = await import('@sitecore-marketplace-sdk/client');
  return Sdk.init({ target: window.parent, modules: [], ...(hostOrigin ? { origin: hostOrigin } : {}) });
}
