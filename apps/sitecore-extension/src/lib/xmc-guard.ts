import { createHash, timingSafeEqual } from 'node:crypto';
import type { ExtensionConfig } from './env.ts';

// The Marketplace routes run inside Sitecore's iframe. Only the Marketplace host may frame them, and
// their server routes answer only with the panel key the app registration carries in its URL.

const sdkTrustedHosts =
  'https://*.sitecorecloud.io https://*.sitecorecloud.app https://*.sitecore-staging.cloud';

export function frameAncestors(config: Pick<ExtensionConfig, 'xmcHostOrigin'>): string {
  return `frame-ancestors ${config.xmcHostOrigin ?? sdkTrustedHosts}`;
}

export function panelKeyAccepted(config: Pick<ExtensionConfig, 'xmcPanelKey'>, given: unknown): boolean {
  if (!config.xmcPanelKey) return true;
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(config.xmcPanelKey).digest();
  return timingSafeEqual(a, b);
}
