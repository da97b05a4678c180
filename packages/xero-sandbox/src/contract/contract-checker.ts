import { loadAccountingContract } from './accounting-spec.ts';

export type ContractRequest = {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string | undefined;
};

export type ContractViolation = {
  at: number;
  method: string;
  path: string;
  operationId?: string;
  errors: string[];
};

export type ContractChecker = {
  check(request: ContractRequest, at: number): Promise<ContractViolation | undefined>;
  violations(): ContractViolation[];
  clear(): void;
};

// xero-node 20 was generated from OAS 19.0.0; these parameters post-date the 16.1.0 spec we validate against.
const KNOWN_NEWER_QUERY_PARAMS = new Set(['allowBackorders']);

type AjvLikeError = { instancePath?: string; message?: string; params?: unknown };

function describe(error: AjvLikeError): string | undefined {
  const params = (error.params ?? {}) as Record<string, unknown>;
  const extra = params.additionalProperty;
  if (typeof extra === 'string' && error.instancePath === '/query' && KNOWN_NEWER_QUERY_PARAMS.has(extra))
    return undefined;
  const detail = typeof extra === 'string' ? ` (${extra})` : '';
  return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${detail}`;
}

export function createContractChecker(): ContractChecker {
  const found: ContractViolation[] = [];
  return {
    async check(request, at) {
      const api = await loadAccountingContract();
      const req = {
        method: request.method.toLowerCase(),
        path: request.path,
        query: request.query,
        headers: request.headers,
        body: request.body === '' ? undefined : request.body,
      };
      const operation = api.router.matchOperation(req);
      if (!operation) {
        const violation = {
          at,
          method: request.method,
          path: request.path,
          errors: ['No such operation in the spec'],
        };
        found.push(violation);
        return violation;
      }
      const result = api.validateRequest(req, operation);
      const errors = (result.errors ?? [])
        .map((error) => describe(error))
        .filter((text) => text !== undefined);
      if (errors.length === 0) return undefined;
      const violation = {
        at,
        method: request.method,
        path: request.path,
        operationId: operation.operationId,
        errors,
      };
      found.push(violation);
      return violation;
    },
    violations: () => [...found],
    clear: () => {
      found.length = 0;
    },
  };
}
