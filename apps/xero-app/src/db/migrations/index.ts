import type { Migration } from 'kysely/migration';
import * as initial from './2026-11-27t10-00-00-initial.ts';
import * as connectionsAndSync from './2026-11-27t11-00-00-connections-and-sync.ts';

// Listed explicitly so the order never depends on the file system.
export const migrations: Record<string, Migration> = {
  '2026-11-27T10-00-00-initial': initial,
  '2026-11-27T11-00-00-connections-and-sync': connectionsAndSync,
};
