import type { OperationKind } from '../operation.ts';
import type { OperationRow } from '../operations-repo.ts';

/** An operation row as the repository returns it, for the operation modules' pure tests. */
export function operationRow(
  kind: OperationKind,
  payload: unknown,
  over: Partial<OperationRow> = {},
): OperationRow {
  return {
    id: `${kind}-op`,
    kind,
    status: 'sending',
    target_id: null,
    target_number: null,
    order_id: 'O1',
    payload,
    depends_on: null,
    workspace_id: 'ws',
    source_connection_id: 'conn',
    tenant_id: 'tenant',
    result: null,
    op_key: `tenant:${kind}:conn:O1`,
    ...over,
  };
}

export const related = (...rows: OperationRow[]) => new Map(rows.map((r) => [r.id, r]));
