import type { Migration } from 'kysely/migration';
import * as initial from './2026-11-27t10-00-00-initial.ts';

// Listed explicitly so the order never depends on the file system.
export const migrations: Record<string, Migration> = {
  '2026-11-27T10-00-00-initial': initial,
};
