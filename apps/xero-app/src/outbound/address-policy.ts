import ipaddr from 'ipaddr.js';

// Which resolved addresses a user-supplied URL may reach. An allow-list: only ipaddr.js's plain
// 'unicast' range passes, so loopback, private, link-local (cloud metadata at 169.254.169.254),
// CGNAT, multicast, broadcast, unspecified, reserved, IPv6 unique-local/link-local/site-local and
// every IPv4-in-IPv6 form (mapped, compatible, NAT64, 6to4, Teredo) are refused.

export type AddressVerdict = { readonly allowed: true } | { readonly allowed: false; readonly range: string };

/** ::a.b.c.d (RFC 4291's deprecated IPv4-compatible form) sits in no ipaddr.js range; refuse it by prefix. */
const ipv4Compatible = ipaddr.IPv6.parse('::');

export function checkAddress(address: string): AddressVerdict {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return { allowed: false, range: 'not-an-address' };
  const parsed = ipaddr.parse(bare);
  const range = parsed.range();
  if (range !== 'unicast') return { allowed: false, range };
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).match(ipv4Compatible, 96)) {
    return { allowed: false, range: 'ipv4Compatible' };
  }
  return { allowed: true };
}

/** True when the host is written as an IP address (the URL parser has already normalised numeric forms). */
export function isIpLiteral(hostname: string): boolean {
  return ipaddr.isValid(hostname.replace(/^\[|\]$/g, ''));
}
