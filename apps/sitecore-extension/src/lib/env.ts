// The only module of the extension that reads process.env (server side only: nothing here is
// NEXT_PUBLIC_, so no value is inlined into browser code, and one build serves every environment).
// Names start with LEDGERBRIDGE_ because a JSS head already owns SITECORE_API_KEY and SITECORE_API_HOST
// (decision 0080).

export type ExtensionConfig = {
  /** Base URL of the Ledgerbridge app, e.g. https://ledgerbridge.example.com */
  readonly appUrl: string | undefined;
  /** The site's API key for the app's extension API (server side only). */
  readonly apiKey: string | undefined;
  readonly workspaceId: string | undefined;
  /** The Sitecore site's ID in Ledgerbridge: the emitter posts to /webhooks/sitecore/{siteId}. */
  readonly siteId: string | undefined;
  readonly signingSecret: string | undefined;
  /** The storefront admin's password (the demo's admin auth; a real head puts its own in front). */
  readonly adminPassword: string | undefined;
  readonly sessionSecret: string | undefined;
  /** Sitecore CDP / Personalize (Engage SDK) settings; events are not sent without a client key. */
  readonly engage:
    | { clientKey: string; targetURL: string; pointOfSale: string; cookieDomain: string | undefined }
    | undefined;
  /**
   * The Marketplace host's origin, when not one the SDK already trusts (*.sitecorecloud.io and the like);
   * the panel accepts the handshake only from it, and only it may frame the panel.
   */
  readonly xmcHostOrigin: string | undefined;
  /** A shared key the Cloud Portal registration puts in the panel's URL (?k=…) for its server routes. */
  readonly xmcPanelKey: string | undefined;
};

export function loadExtensionConfig(
  source: Record<string, string | undefined> = process.env,
): ExtensionConfig {
  const value = (name: string) => {
    const v = source[name]?.trim();
    return v ? v : undefined;
  };
  const clientKey = value('LEDGERBRIDGE_CDP_CLIENT_KEY');
  return {
    appUrl: value('LEDGERBRIDGE_URL')?.replace(/\/+$/, ''),
    apiKey: value('LEDGERBRIDGE_API_KEY'),
    workspaceId: value('LEDGERBRIDGE_WORKSPACE_ID'),
    siteId: value('LEDGERBRIDGE_SITE_ID'),
    signingSecret: value('LEDGERBRIDGE_SIGNING_SECRET'),
    adminPassword: value('STOREFRONT_ADMIN_PASSWORD'),
    sessionSecret: value('STOREFRONT_SESSION_SECRET') ?? value('LEDGERBRIDGE_SIGNING_SECRET'),
    engage: clientKey
      ? {
          clientKey,
          targetURL: value('LEDGERBRIDGE_CDP_TARGET_URL') ?? 'https://api-engage-eu.sitecorecloud.io',
          pointOfSale: value('LEDGERBRIDGE_CDP_POINT_OF_SALE') ?? 'ledgerbridge-demo',
          cookieDomain: value('LEDGERBRIDGE_CDP_COOKIE_DOMAIN'),
        }
      : undefined,
    xmcHostOrigin: value('LEDGERBRIDGE_XMC_HOST_ORIGIN')?.replace(/\/+$/, ''),
    xmcPanelKey: value('LEDGERBRIDGE_XMC_PANEL_KEY'),
  };
}
