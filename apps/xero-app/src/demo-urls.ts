// The URL block `pnpm demo` prints (and prints again once start-up has scrolled it away).

export type DemoUrls = {
  /** Where the app was configured to be reached (PUBLIC_URL): sign-in cookies and redirects live there. */
  readonly publicUrl: string;
  /** Where the server actually listens. */
  readonly listenUrl: string;
  readonly port: number;
  readonly storefrontUrl: string;
  readonly storefrontPassword: string;
  readonly xeroOrgUrl: string;
  readonly orderCloudUrl: string;
  readonly generator: boolean;
};

/**
 * The console URL to print: PUBLIC_URL, since the OAuth round trip and the session cookie belong to it
 * (signing in from another host name loses the sign-in state); the listening URL only when PUBLIC_URL
 * is the default of a random port (PORT=0), which nothing can reach.
 */
export function consoleUrlOf(urls: Pick<DemoUrls, 'publicUrl' | 'listenUrl' | 'port'>): string {
  const base = urls.publicUrl.replace(/\/+$/, '');
  return urls.port === 0 && base === 'http://localhost:0' ? urls.listenUrl : base;
}

export function demoUrlBlock(urls: DemoUrls, heading: string): string {
  const app = consoleUrlOf(urls);
  return [
    '',
    heading,
    `  console:        ${app}/console  (Sign in with Xero: the sandbox consents for you)`,
    `  storefront:     ${urls.storefrontUrl}/checkout  (Sitecore JSS head; admin: ${urls.storefrontUrl}/admin, password ${urls.storefrontPassword})`,
    `  Xero sandbox:   ${urls.xeroOrgUrl}  (the organisation's invoices, payments, credit notes)`,
    `  OrderCloud:     ${urls.orderCloudUrl}  (${urls.generator ? 'a new order every 4 s' : 'no order generator'})`,
    `  health:         ${app}/healthz   metrics: ${app}/metrics`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
