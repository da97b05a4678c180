import { afterAll, beforeAll } from 'vitest';
import { XeroClient } from 'xero-node';
import type { XeroSandboxOptions } from '../sandbox-options.ts';
import { SEEDED_TENANT_IDS } from '../seed/org-seeds.ts';
import { startXeroSandbox, type XeroSandbox } from '../start-sandbox.ts';

export const TENANTS = SEEDED_TENANT_IDS;

// Limits high enough that functional tests never trip them; limit tests pass their own.
export const RELAXED_LIMITS = {
  minute: 1_000_000,
  day: 1_000_000_000,
  starterDay: 1_000_000_000,
  appMinute: 1_000_000_000,
};

export type Harness = {
  sandbox: XeroSandbox;
  xero: XeroClient;
  accessToken: string;
  refreshToken: string | undefined;
};

// The real xero-node client, pointed at the sandbox with a token the sandbox issued.
export async function startHarness(options: XeroSandboxOptions = {}): Promise<Harness> {
  const sandbox = await startXeroSandbox({ ...options, limits: { ...RELAXED_LIMITS, ...options.limits } });
  const tokens = await sandbox.admin.issueTokens();
  const xero = xeroClientFor(sandbox, tokens.access_token);
  return { sandbox, xero, accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
}

/**
 * The harness of the enclosing file or describe: started before its tests, its sandbox closed after them.
 * The object is filled in by the time a test runs.
 */
export function useHarness(options: XeroSandboxOptions = {}): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await startHarness(options));
  });
  afterAll(async () => {
    await h.sandbox?.close();
  });
  return h;
}

export function xeroClientFor(sandbox: XeroSandbox, accessToken: string): XeroClient {
  const xero = new XeroClient();
  xero.setTokenSet({ access_token: accessToken, token_type: 'Bearer' });
  xero.accountingApi.basePath = sandbox.apiBasePath;
  return xero;
}

export type XeroNodeFailure = {
  statusCode: number;
  body: unknown;
  headers: Record<string, string>;
};

// xero-node rejects with a JSON string of {response:{statusCode, body, headers}}.
export async function failureOf(promise: Promise<unknown>): Promise<XeroNodeFailure> {
  try {
    await promise;
  } catch (error) {
    const parsed = JSON.parse(typeof error === 'string' ? error : JSON.stringify(error)) as {
      response: XeroNodeFailure;
    };
    return parsed.response;
  }
  throw new Error('expected the call to fail');
}

export type ValidationBody = {
  ErrorNumber: number;
  Type: string;
  Message: string;
  Elements: { ValidationErrors: { Message: string }[] }[];
};

export function validationMessages(failure: XeroNodeFailure): string[] {
  const body = failure.body as ValidationBody;
  return body.Elements.flatMap((element) => element.ValidationErrors.map((error) => error.Message));
}

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
