/** A user-supplied URL Ledgerbridge will not call. The message is for the log, never for the user. */
export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError';
  readonly url: string;
  readonly reason: string;
  constructor(url: string, reason: string) {
    super(`outbound request to ${url} refused: ${reason}`);
    this.url = url;
    this.reason = reason;
  }
}
