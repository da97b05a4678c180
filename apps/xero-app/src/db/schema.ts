import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  created_at: CreatedAt;
}

export interface EnvironmentsTable {
  id: Generated<string>;
  workspace_id: string;
  name: 'dev' | 'qa' | 'prod';
  xero_tenant_id: string | null;
  created_at: CreatedAt;
}

export interface InboundEventsTable {
  id: Generated<string>;
  connection_id: string;
  source: string;
  delivery_id: string;
  event_type: string;
  payload: Json;
  status: 'queued' | 'ignored' | 'processed' | 'failed';
  received_at: CreatedAt;
  processed_at: Date | null;
}

export interface LinksTable {
  id: Generated<string>;
  workspace_id: string;
  source_type: string;
  source_id: string;
  operation: string;
  operation_key: string;
  target_type: string;
  target_id: string | null;
  target_number: string | null;
  status: 'pending' | 'done' | 'failed';
  details: Json;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TimelineTable {
  id: Generated<string>;
  workspace_id: string;
  subject_type: string;
  subject_id: string;
  step: string;
  outcome: 'ok' | 'info' | 'error' | 'pending';
  message: string;
  details: Json;
  at: CreatedAt;
}

export interface DatabaseSchema {
  workspaces: WorkspacesTable;
  environments: EnvironmentsTable;
  inbound_events: InboundEventsTable;
  links: LinksTable;
  timeline: TimelineTable;
}

export type InboundEvent = Selectable<InboundEventsTable>;
export type NewInboundEvent = Insertable<InboundEventsTable>;
export type Link = Selectable<LinksTable>;
export type TimelineEntry = Selectable<TimelineTable>;
