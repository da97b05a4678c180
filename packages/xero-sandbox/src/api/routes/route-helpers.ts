import type { AccountingDeps, ElementOutcome } from '../../accounting/accounting-deps.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { OrgState } from '../../state/types.ts';
import { asRecord, batchElements, type JsonRecord } from '../../util/json-input.ts';
import { type BatchSpec, respondBatch } from '../batch-response.ts';
import type { SandboxContextHono } from '../hono-env.ts';
import { postDataInvalid } from '../xero-responses.ts';

export function accountingDeps(ctx: SandboxContext): AccountingDeps {
  return {
    now: ctx.clock.now,
    ids: ctx.ids,
    changes: ctx.changes,
    inlineContactDetails: ctx.options.inlineContactDetails,
  };
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; response: Response };

export function parseBody(c: SandboxContextHono): ParsedBody {
  const text = c.get('rawBody');
  if (text.trim() === '')
    return {
      ok: false,
      response: postDataInvalid(c, 'JSON for post data was invalid,The request body is empty.'),
    };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, response: postDataInvalid(c, `JSON for post data was invalid,${detail}`) };
  }
}

// The element list of a write: `{Collection: [...]}` or, for single-object endpoints, the object itself.
export function readElements(
  c: SandboxContextHono,
  collection: string,
): { elements: JsonRecord[] } | { response: Response } {
  const body = parseBody(c);
  if (!body.ok) return { response: body.response };
  const elements = batchElements(body.value, collection);
  if (!elements)
    return { response: postDataInvalid(c, `JSON for post data was invalid,${collection} must be an array.`) };
  return { elements: elements.map(asRecord) };
}

export function batchWrite<T>(
  c: SandboxContextHono,
  ctx: SandboxContext,
  collection: string,
  spec: BatchSpec<T>,
  write: (org: OrgState, deps: AccountingDeps, element: JsonRecord) => ElementOutcome<T>,
): Response {
  const read = readElements(c, collection);
  if ('response' in read) return read.response;
  const auth = c.get('auth');
  const deps = accountingDeps(ctx);
  const outcomes = read.elements.map((element) => write(auth.org, deps, element));
  return respondBatch(c, ctx, auth, outcomes, spec);
}

export function matchesAny(value: string | undefined, wanted: string[] | undefined): boolean {
  return wanted === undefined || (value !== undefined && wanted.includes(value.toLowerCase()));
}
