import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { RequestLogEntry } from '../log/request-log.ts';
import type { SandboxApp } from '../sandbox-options.ts';
import type { OrgState } from '../state/types.ts';

export type ApiAuth = {
  clientId: string;
  userId: string;
  tenantId: string;
  scopes: string[];
  org: OrgState;
  app: SandboxApp | undefined;
};

export type SandboxEnv = {
  // Absent when the app is driven in process with app.request().
  Bindings: Partial<HttpBindings>;
  Variables: {
    auth: ApiAuth;
    rawBody: string;
    logEntry: RequestLogEntry;
    /** An injected internal error, answered behind the idempotency layer (faults.ts). */
    internalFault?: true;
  };
};

export type SandboxContextHono = Context<SandboxEnv>;

export function socketOf(c: SandboxContextHono) {
  return c.env?.incoming?.socket;
}
