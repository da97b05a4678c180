import { fail, ok, permanent, type Result } from '@ledgerbridge/canonical';

// A source record that cannot be mapped faithfully. Carries the field path so the merchant sees
// exactly what to fix; surfaces as a permanent SyncError (retrying will not change the data).
export class MappingProblem extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'MappingProblem';
    this.path = path;
  }
}

export function mapSafely<T>(what: string, run: () => T): Result<T> {
  try {
    return ok(run());
  } catch (error) {
    if (error instanceof MappingProblem) {
      return fail(permanent('ordercloud.mapping', `cannot map ${what}: ${error.message}`, [error.message]));
    }
    throw error;
  }
}
