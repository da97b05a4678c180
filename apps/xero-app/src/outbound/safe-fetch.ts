import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { checkAddress } from './address-policy.ts';
import type { OutboundPolicy } from './outbound-policy.ts';
import { OutboundRefusedError } from './outbound-refused-error.ts';

// fetch for URLs a user can set (marketplace API URL, alert webhooks). The address check happens in
// the connection's own DNS lookup, so the address checked is the address connected to (no
// DNS-rebinding window), and again on the connected socket. Redirects are never followed; TLS below
// 1.2 is refused.

export type Resolver = (
  hostname: string,
  callback: (error: Error | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, callback) =>
  dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => callback(error, addresses ?? []));

function guardedLookup(policy: OutboundPolicy, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
      const usable = addresses.filter((a) => wanted === undefined || a.family === wanted);
      if (usable.length === 0) {
        const missing = Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
        return callback(missing, '', 0);
      }
      if (!policy.trusts(hostname)) {
        // One refused address refuses the host: a name that mixes public and private answers is hostile.
        for (const a of usable) {
          const verdict = checkAddress(a.address);
          if (!verdict.allowed)
            return callback(
              new OutboundRefusedError(hostname, `${hostname} resolves to ${a.address} (${verdict.range})`),
              '',
              0,
            );
        }
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      const first = usable[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}

export type SafeDispatcherOptions = {
  policy: OutboundPolicy;
  /** Tests stand in for DNS; production resolves with the system resolver. */
  resolve?: Resolver;
  connectTimeoutMs?: number;
};

/** An undici dispatcher that only connects to addresses the policy allows, over TLS 1.2 or later. */
export function createSafeDispatcher(options: SafeDispatcherOptions): Agent {
  const { policy } = options;
  const base = buildConnector({
    lookup: guardedLookup(policy, options.resolve ?? systemResolver),
    minVersion: 'TLSv1.2',
    timeout: options.connectTimeoutMs ?? 10_000,
  });
  const connect: buildConnector.connector = (target, callback) =>
    base(target, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('no socket'), null);
      const remote = socket.remoteAddress ?? '';
      const verdict = checkAddress(remote);
      if (!policy.trusts(target.hostname) && !verdict.allowed) {
        socket.destroy();
        return callback(
          new OutboundRefusedError(
            target.hostname,
            `connected to ${remote} (${verdict.allowed ? '' : verdict.range})`,
          ),
          null,
        );
      }
      return callback(null, socket);
    });
  return new Agent({ connect });
}

export type SafeFetch = typeof fetch;

/**
 * fetch that enforces the outbound policy: the URL's scheme and literal address first, every
 * resolved and connected address next, and a redirect answer becomes an error instead of a hop.
 */
export function createSafeFetch(options: SafeDispatcherOptions): SafeFetch {
  const dispatcher = createSafeDispatcher(options);
  const safeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const verdict = options.policy.checkUrl(url);
    if (!verdict.ok) throw new OutboundRefusedError(url, verdict.reason);
    const response = await undiciFetch(url, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      redirect: 'manual',
      dispatcher,
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => {});
      throw new OutboundRefusedError(
        url,
        `answered ${response.status} redirect to ${response.headers.get('location') ?? '(none)'}`,
      );
    }
    return response as unknown as Response;
  };
  return safeFetch as SafeFetch;
}
