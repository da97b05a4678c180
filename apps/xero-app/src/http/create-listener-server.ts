import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import tls from 'node:tls';

/** The TLS floor of every connection the app makes or accepts. */
export const minTlsVersion = 'TLSv1.2';

/**
 * Raises the process-wide default to TLS 1.2 for clients that take Node's defaults (Xero's SDK over
 * axios, fetch): a `--tls-min-v1.0` flag or NODE_OPTIONS cannot lower what the product promises.
 */
export function enforceTlsFloor(): void {
  const order = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
  if (order.indexOf(tls.DEFAULT_MIN_VERSION) < order.indexOf(minTlsVersion))
    tls.DEFAULT_MIN_VERSION = minTlsVersion;
}

/**
 * Plain HTTP (behind a TLS-terminating proxy), or HTTPS when TLS_CERT_FILE and TLS_KEY_FILE are set:
 * TLS 1.2 and 1.3 only, whatever the Node.js defaults or flags say.
 */
export function createListenerServer(
  listener: RequestListener,
  tls: { certFile?: string | undefined; keyFile?: string | undefined },
  keepAliveTimeoutMs = 65_000,
): { server: Server; scheme: 'http' | 'https' } {
  // Node's 5 s keep-alive closes idle connections before the proxies and clients in front of it do; one
  // reused at that moment (or after its client's event loop stalled past the timeout) gets no answer.
  // The header timeout stays above it, as Node's documentation asks.
  const timeouts = { keepAliveTimeout: keepAliveTimeoutMs, headersTimeout: keepAliveTimeoutMs + 1_000 };
  if (tls.certFile && tls.keyFile) {
    const server = createHttpsServer(
      {
        cert: readFileSync(tls.certFile),
        key: readFileSync(tls.keyFile),
        minVersion: minTlsVersion,
        ...timeouts,
      },
      listener,
    );
    return { server, scheme: 'https' };
  }
  if (tls.certFile || tls.keyFile) throw new Error('Set both TLS_CERT_FILE and TLS_KEY_FILE, or neither.');
  return { server: createHttpServer(timeouts, listener), scheme: 'http' };
}
