import { checkAddress, isIpLiteral } from './address-policy.ts';

// The rules every URL a user can set must pass before and while Ledgerbridge calls it.

export type OutboundVerdict =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly reason: string };

export type OutboundPolicy = {
  /** Scheme, credentials and IP-literal checks; named hosts are checked again on connect. */
  checkUrl(value: string | URL): OutboundVerdict;
  /** Hosts the operator listed in ALLOWED_HTTP_HOSTS: plain http and private addresses allowed. */
  trusts(hostname: string): boolean;
};

const normaliseHost = (host: string) =>
  host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');

export function createOutboundPolicy(input: { allowedHttpHosts: readonly string[] }): OutboundPolicy {
  const trusted = new Set(input.allowedHttpHosts.map(normaliseHost).filter(Boolean));
  const trusts = (hostname: string) => trusted.has(normaliseHost(hostname));
  return {
    trusts,
    checkUrl(value) {
      let url: URL;
      try {
        // The WHATWG parser turns 0x7f000001, 2130706433, 0177.0.0.1 and 127.1 into 127.0.0.1.
        url = new URL(value);
      } catch {
        return { ok: false, reason: 'not a URL' };
      }
      if (url.username || url.password) return { ok: false, reason: 'credentials in the URL' };
      const host = normaliseHost(url.hostname);
      if (trusts(host)) {
        if (url.protocol === 'https:' || url.protocol === 'http:') return { ok: true, url };
        return { ok: false, reason: `scheme ${url.protocol} is not http(s)` };
      }
      if (url.protocol !== 'https:') return { ok: false, reason: `scheme ${url.protocol} without TLS` };
      if (isIpLiteral(host)) {
        const verdict = checkAddress(host);
        if (!verdict.allowed) return { ok: false, reason: `address ${host} is ${verdict.range}` };
      }
      return { ok: true, url };
    },
  };
}

/** ALLOWED_HTTP_HOSTS: comma- or space-separated host names or addresses. */
export function parseAllowedHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((h) => h.trim())
    .filter(Boolean);
}
