// OrderCloud answers errors as {Errors:[{ErrorCode, Message, Data}]}; the SDK reads Data.ObjectType and
// Data.ObjectID to build its "X Y not found" message, so NotFound carries both.

export type ApiErrorEntry = { ErrorCode: string; Message: string; Data: unknown };

export class ApiError extends Error {
  readonly status: number;
  readonly errors: ApiErrorEntry[];
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    code: string,
    message: string,
    data: unknown = null,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errors = [{ ErrorCode: code, Message: message, Data: data }];
    this.headers = headers;
  }
  body(): { Errors: ApiErrorEntry[] } {
    return { Errors: this.errors };
  }
}

export function notFound(objectType: string, objectId: string): ApiError {
  return new ApiError(404, 'NotFound', `${objectType} not found: ${objectId}`, {
    ObjectType: objectType,
    ObjectID: objectId,
  });
}

export function invalidRequest(message: string, data: unknown = null): ApiError {
  return new ApiError(400, 'InvalidRequest', message, data);
}

export function badRequest(code: string, message: string, data: unknown = null): ApiError {
  return new ApiError(400, code, message, data);
}

export function unauthorized(message = 'Access token is invalid or expired.'): ApiError {
  return new ApiError(401, 'InvalidToken', message);
}

export function insufficientRoles(required: readonly string[]): ApiError {
  return new ApiError(
    403,
    'InsufficientRoles',
    'User does not have role(s) required to perform this action.',
    {
      SufficientRoles: required,
    },
  );
}

export function idInUse(objectType: string, id: string): ApiError {
  return new ApiError(409, 'IdExists', `${objectType} with ID ${id} already exists.`, {
    ObjectType: objectType,
    ObjectID: id,
  });
}
