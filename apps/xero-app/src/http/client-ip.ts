/**
 * The client's address. Behind `hops` reverse proxies (TRUSTED_PROXY_HOPS) each proxy appends the
 * address it received from to X-Forwarded-For, so the client is `hops` entries from the right of
 * [...forwarded, socket]; entries further left are whatever the client chose to send and are ignored.
 */
export function clientIp(input: {
  remoteAddress: string | undefined;
  forwardedFor: string | undefined;
  hops: number;
}): string {
  const remote = input.remoteAddress ?? 'unknown';
  if (input.hops <= 0) return remote;
  const chain = [
    ...(input.forwardedFor ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    remote,
  ];
  return chain[Math.max(0, chain.length - 1 - input.hops)] ?? remote;
}
