import { Configuration, type SdkConfiguration } from 'ordercloud-javascript-sdk';

// The SDK keeps ONE global Configuration (baseApiUrl, axios adapter) and ONE global token store.
// To serve many marketplaces from one process safely we never rely on either:
//  - tokens: every call passes `accessToken` in requestOptions; Tokens.Set* is never called;
//  - base URL: this module installs, once, a fetch-based axios adapter. Each of our calls carries
//    `requestType: "ledgerbridge:<route key>"`, which the SDK copies into the axios config; the adapter
//    looks the key up and sends the request to that connection's API URL, whatever
//    Configuration.baseApiUrl says at that moment. The SDK reads Configuration synchronously when a
//    call starts, so `ensureTransport()` right before each call is race-free. Untagged requests (other
//    SDK users in the process) pass through unchanged to the URL the SDK built.
type AxiosAdapter = NonNullable<SdkConfiguration['axiosAdapter']>;
type AdapterConfig = Parameters<AxiosAdapter>[0];

export type ConnectionRoute = { apiUrl: string; timeoutMs: number; fetch: typeof fetch };

const tagPrefix = 'ledgerbridge:';
const routes = new Map<string, ConnectionRoute>();
let previousAdapter: AxiosAdapter | undefined;

export function registerRoute(key: string, route: ConnectionRoute): string {
  routes.set(key, route);
  return `${tagPrefix}${key}`;
}

export function unregisterRoute(key: string): void {
  routes.delete(key);
}

function rewrite(url: string, apiUrl: string): string {
  const parsed = new URL(url);
  const marker = /\/(v1\/|oauth\/token)/i.exec(parsed.pathname);
  if (!marker) throw new Error(`cannot route OrderCloud request ${parsed.pathname}`);
  return `${apiUrl.replace(/\/+$/, '')}${parsed.pathname.slice(marker.index)}${parsed.search}`;
}

function headerRecord(config: AdapterConfig): Headers {
  const headers = new Headers();
  const raw = config.headers?.toJSON?.() ?? {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
  }
  return headers;
}

async function send(config: AdapterConfig, route: ConnectionRoute | undefined) {
  let url = config.url ?? '';
  if (route) url = rewrite(url, route.apiUrl);
  if (config.params) {
    const serializer = config.paramsSerializer;
    const query =
      typeof serializer === 'function'
        ? serializer(config.params)
        : serializer?.serialize
          ? serializer.serialize(config.params, {})
          : new URLSearchParams(config.params as Record<string, string>).toString();
    if (query) url += `${url.includes('?') ? '&' : '?'}${query}`;
  }
  const method = (config.method ?? 'get').toUpperCase();
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const response = await (route?.fetch ?? fetch)(url, {
    method,
    headers: headerRecord(config),
    body: hasBody && typeof config.data === 'string' ? config.data : undefined,
    signal: AbortSignal.timeout(route?.timeoutMs ?? (config.timeout || 60_000)),
  });
  const text = await response.text();
  const result = {
    data: text,
    status: response.status,
    statusText: response.statusText,
    headers: Object.fromEntries(response.headers.entries()),
    config,
    request: { url, method },
  };
  if (response.status >= 200 && response.status < 300) return result;
  // Shaped like an AxiosError: the SDK wraps anything with a `response` into OrderCloudError.
  throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
    isAxiosError: true,
    code: response.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
    config,
    response: result,
  });
}

const transport: AxiosAdapter = async (config) => {
  const tag = (config as { requestType?: unknown }).requestType;
  if (typeof tag === 'string' && tag.startsWith(tagPrefix)) {
    const route = routes.get(tag.slice(tagPrefix.length));
    // Never fall back to the global base URL: that could send one tenant's token elsewhere.
    if (!route) throw new Error(`no OrderCloud connection registered for ${tag}`);
    return send(config, route);
  }
  if (previousAdapter) return previousAdapter(config);
  return send(config, undefined);
};

export function ensureTransport(): void {
  const current = Configuration.Get().axiosAdapter;
  if (current === transport) return;
  previousAdapter = current;
  Configuration.Set({ axiosAdapter: transport });
}
