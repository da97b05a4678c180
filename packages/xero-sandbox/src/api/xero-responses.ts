import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

// Xero's gateway errors are RFC 7807 problem documents with Xero's own casing.
export function problem(c: Context, status: ContentfulStatusCode, title: string, detail: string): Response {
  return c.json(
    {
      Type: null,
      Title: title,
      Status: status,
      Detail: detail,
      Instance: crypto.randomUUID(),
      Extensions: {},
    },
    status,
  );
}

export const unauthorized = (c: Context) => problem(c, 401, 'Unauthorized', 'AuthenticationUnsuccessful');
export const insufficientScope = (c: Context) => problem(c, 401, 'Unauthorized', 'AuthorizationUnsuccessful');
export const forbidden = (c: Context) => problem(c, 403, 'Forbidden', 'AuthenticationUnsuccessful');

export function notFound(c: Context): Response {
  return c.text("The resource you're looking for cannot be found", 404);
}

export function validationException(c: Context, elements: Record<string, unknown>[]): Response {
  return c.json(
    {
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
      Elements: elements,
    },
    400,
  );
}

export function singleValidationError(
  c: Context,
  message: string,
  element: Record<string, unknown> = {},
): Response {
  return validationException(c, [{ ...element, ValidationErrors: [{ Message: message }] }]);
}

export function queryParseException(c: Context, message: string): Response {
  return c.json({ ErrorNumber: 16, Type: 'QueryParseException', Message: message }, 400);
}

export function postDataInvalid(c: Context, message: string): Response {
  return c.json({ ErrorNumber: 14, Type: 'PostDataInvalidException', Message: message }, 400);
}

export function internalError(c: Context): Response {
  return problem(
    c,
    500,
    'An error occurred',
    'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.',
  );
}
