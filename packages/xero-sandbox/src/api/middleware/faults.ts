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
        return fault.status === 500
          ? internalError(c)
          : problem(c, 500, 'An error occurred', `Injected ${fault.status}`);
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
