import type { MiddlewareHandler } from 'hono';
import type { SandboxContext } from '../../sandbox-context.ts';
import { type SandboxContextHono, type SandboxEnv, socketOf } from '../hono-env.ts';
import { internalError, problem } from '../xero-responses.ts';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// Drops the TCP connection without an HTTP response; in process there is no socket, so a 502 stands in.
function dropConnection(c: SandboxContextHono): Response {
  const socket = socketOf(c);
  if (!socket) return c.text('Connection reset (simulated in process)', 502);
  socket.destroy();
  return new Response(null, { status: 204 });
}

// Before the idempotency layer: what fails before Xero works on a request (503, resets, hangs, delays).
export function faults(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const fault = ctx.faults.take(c.get('auth').tenantId);
    if (!fault) return next();
    const entry = c.get('logEntry');
    entry.fault = fault.kind;
    const signal = c.req.raw.signal;
    switch (fault.kind) {
      case 'status':
        if (fault.status === 503) return c.text('Service Unavailable', 503);
        if (fault.status === 500) {
          c.set('internalFault', true);
          return next();
        }
        return problem(c, 500, 'An error occurred', `Injected ${fault.status}`);
      case 'slow':
        await sleep(fault.delayMs, signal);
        return next();
      case 'reset':
        if (fault.phase === 'after') await next();
        return dropConnection(c);
      case 'hang':
        if (fault.phase === 'after') await next();
        // Held until the client gives up (its timeout), bounded by maxHangMs.
        await sleep(ctx.options.maxHangMs, signal);
        return dropConnection(c);
    }
  };
}

/**
 * Behind the idempotency layer: an injected internal error is Xero failing while working on the request,
 * which Xero keeps for the request's Idempotency-Key ("If an idempotent request errors out internally, the
 * error will be cached and returned when the request is re-run even if the internal error is resolved",
 * developer.xero.com/documentation/guides/idempotent-requests/idempotency).
 */
export function internalFaults(): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => (c.get('internalFault') ? internalError(c) : next());
}
