import type { Context } from 'hono';
import type { ElementOutcome } from '../accounting/accounting-deps.ts';
import type { SandboxContext } from '../sandbox-context.ts';
import { envelope } from './envelope.ts';
import type { ApiAuth } from './hono-env.ts';
import { validationException } from './xero-responses.ts';

export type BatchSpec<T> = {
  collection: string;
  errorFlag: 'HasErrors' | 'HasValidationErrors' | undefined;
  render(record: T): Record<string, unknown>;
};

function withStatus(
  element: Record<string, unknown>,
  errors: string[],
  flag: BatchSpec<unknown>['errorFlag'],
) {
  return {
    ...element,
    ...(flag ? { [flag]: errors.length > 0 } : {}),
    StatusAttributeString: errors.length > 0 ? 'ERROR' : 'OK',
    ValidationErrors: errors.map((message) => ({ Message: message })),
  };
}

// summarizeErrors=false: 200 with a verdict per element. Otherwise one failure makes the batch a 400,
// though the valid elements were saved; their IDs are simply not returned (as on Xero).
export function respondBatch<T>(
  c: Context,
  ctx: SandboxContext,
  auth: ApiAuth,
  outcomes: ElementOutcome<T>[],
  spec: BatchSpec<T>,
): Response {
  const summarize = c.req.query('summarizeErrors')?.toLowerCase() !== 'false';
  if (!summarize) {
    const elements = outcomes.map((outcome) =>
      outcome.ok
        ? withStatus(spec.render(outcome.record), [], spec.errorFlag)
        : withStatus(outcome.echo, outcome.errors, spec.errorFlag),
    );
    return c.json(envelope(ctx, auth, spec.collection, elements));
  }
  const failures = outcomes.filter((outcome) => !outcome.ok);
  if (failures.length > 0) {
    return validationException(
      c,
      failures.map((failure) => withStatus(failure.echo, failure.errors, spec.errorFlag)),
    );
  }
  const records = outcomes.flatMap((outcome) => (outcome.ok ? [spec.render(outcome.record)] : []));
  return c.json(envelope(ctx, auth, spec.collection, records));
}
