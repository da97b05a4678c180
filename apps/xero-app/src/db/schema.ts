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
  xero_connection_id: string | null;
  ordercloud_connection_id: string | null;
  mapping_version_id: string | null;
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
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  xero_token_sets: XeroTokenSetsTable;
  xero_connections: XeroConnectionsTable;
  ordercloud_connections: OrderCloudConnectionsTable;
  mapping_versions: MappingVersionsTable;
  reference_cache: ReferenceCacheTable;
  rate_budgets: RateBudgetsTable;
  rate_leases: RateLeasesTable;
  order_syncs: OrderSyncsTable;
  sitecore_sites: SitecoreSitesTable;
  sitecore_documents: SitecoreDocumentsTable;
  alerts: AlertsTable;
  audit_log: AuditLogTable;
  echo_fingerprints: EchoFingerprintsTable;
  parked_jobs: ParkedJobsTable;
  xero_operations: XeroOperationsTable;
  xero_batches: XeroBatchesTable;
  xero_contact_index: XeroContactIndexTable;
  xero_contact_sync: XeroContactSyncTable;
  rate_calls: RateCallsTable;
  xero_app_calls: XeroAppCallsTable;
  xero_app_turns: XeroAppTurnsTable;
  xero_app_blocks: XeroAppBlocksTable;
  reconcile_watermarks: ReconcileWatermarksTable;
  item_poll_watermarks: ItemPollWatermarksTable;
  catalog_item_states: CatalogItemStatesTable;
  catalog_conflicts: CatalogConflictsTable;
  catalog_reviews: CatalogReviewsTable;
  catalog_first_syncs: CatalogFirstSyncsTable;
  catalog_item_links: CatalogItemLinksTable;
  catalog_field_owners: CatalogFieldOwnersTable;
  routing_rules: RoutingRulesTable;
  backfills: BackfillsTable;
  backfill_orders: BackfillOrdersTable;
  reconciliation_reports: ReconciliationReportsTable;
  alert_settings: AlertSettingsTable;
  alert_log: AlertLogTable;
}

export interface AlertSettingsTable {
  workspace_id: string;
  webhook_url: string | null;
  /** The webhook's signing secret, sealed with the keyring (context alert_settings.webhook_secret:{workspace}). */
  webhook_secret_enc: string | null;
  key_id: string | null;
  email_to: string | null;
  events: Json;
  quiet_minutes: number;
  attention_threshold: number;
  /** Condition alerts (a connection down, Xero failing) already told: told again only once they clear. */
  open_keys: ColumnType<unknown, string | undefined, string>;
  checked_at: Date | string | null;
  updated_by: string;
  updated_at: UpdatedAt;
}

export interface AlertLogTable {
  id: Generated<string>;
  workspace_id: string;
  kind: string;
  dedup_key: string;
  title: string;
  message: string;
  link: string;
  count: number;
  suppressed: ColumnType<number, number | undefined, number>;
  deliveries: Json;
  created_at: CreatedAt;
}

export interface ReconciliationReportsTable {
  id: Generated<string>;
  workspace_id: string;
  from_date: string;
  to_date: string;
  status: 'running' | 'done' | 'failed';
  summary: ColumnType<unknown, string | undefined, string>;
  findings: ColumnType<unknown, string | undefined, string>;
  /** Finding index → when and by whom it was healed. */
  healed: ColumnType<unknown, string | undefined, string>;
  requested_by: string;
  error: string | null;
  created_at: CreatedAt;
  finished_at: Date | string | null;
}

export interface BackfillsTable {
  id: Generated<string>;
  workspace_id: string;
  connection_id: string;
  tenant_id: string;
  from_date: string;
  to_date: string;
  status: 'planned' | 'running' | 'done' | 'canceled';
  estimate: Json;
  total_orders: number;
  fed_orders: Generated<number>;
  skipped_orders: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  updated_at: UpdatedAt;
}

export interface BackfillOrdersTable {
  backfill_id: string;
  seq: number;
  order_id: string;
  /** claimed: taken by a tick, not judged yet; planning: judged to be fed, its chunk not settled yet. */
  status: 'pending' | 'claimed' | 'planning' | 'fed' | 'known' | 'in-xero';
}

export type InboundEvent = Selectable<InboundEventsTable>;
export type NewInboundEvent = Insertable<InboundEventsTable>;
export type Link = Selectable<LinksTable>;
export type TimelineEntry = Selectable<TimelineTable>;

export interface UsersTable {
  id: Generated<string>;
  workspace_id: string;
  xero_user_id: string;
  email: string;
  name: string;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  workspace_id: string;
  csrf_token: string;
  expires_at: Date | string;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  key_hash: string;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

export interface XeroTokenSetsTable {
  id: Generated<string>;
  workspace_id: string;
  xero_user_id: string | null;
  key_id: string;
  access_token_enc: string;
  refresh_token_enc: string;
  access_expires_at: Date | string;
  refresh_expires_at: Date | string;
  scopes: string;
  status: 'active' | 'needs-reconnect' | 'revoked';
  status_reason: string | null;
  refreshed_at: Date | string | null;
  /** Refreshes in a row that failed without a refusal (an outage, a time-out); 0 after a success. */
  refresh_failures: Generated<number>;
  refresh_failed_at: Date | string | null;
  refresh_error: string | null;
  created_at: CreatedAt;
}

export interface XeroConnectionsTable {
  id: Generated<string>;
  workspace_id: string;
  token_set_id: string;
  xero_connection_id: string;
  tenant_id: string;
  tenant_name: string;
  status: 'active' | 'needs-reconnect' | 'disconnected';
  created_at: CreatedAt;
}

export interface OrderCloudConnectionsTable {
  id: Generated<string>;
  workspace_id: string;
  api_url: string;
  client_id: string;
  key_id: string;
  client_secret_enc: string;
  hash_key_enc: string;
  webhook_id: string | null;
  status: 'active' | 'broken' | 'disconnected';
  created_at: CreatedAt;
  name: Generated<string>;
  api_client_ids: ColumnType<string[], string | undefined, string>;
  status_reason: string | null;
  verified_at: Date | string | null;
}

export interface MappingVersionsTable {
  id: Generated<string>;
  workspace_id: string;
  version: number;
  config: Json;
  note: string;
  author: Generated<string>;
  environment: string | null;
  parent_id: string | null;
  /** The environment's routing rules saved with this version (null: saved without them). */
  routing: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface ReferenceCacheTable {
  tenant_id: string;
  kind: string;
  data: Json;
  fetched_at: UpdatedAt;
}

export interface RateBudgetsTable {
  tenant_id: string;
  minute_started_at: Generated<Date>;
  minute_used: Generated<number>;
  day_started_at: Generated<Date>;
  day_used: Generated<number>;
  day_limit: number;
  paused_until: Date | string | null;
  pause_reason: string | null;
  day_remaining_reported: number | null;
  reported_at: Date | string | null;
  /** The last day forecast the flusher paced by (rate-policy.ts DayForecast), for the dashboard. */
  forecast: Json | null;
  forecast_at: Date | string | null;
  updated_at: UpdatedAt;
}

export interface RateLeasesTable {
  id: Generated<string>;
  tenant_id: string;
  expires_at: Date | string;
}

export interface OrderSyncsTable {
  id: Generated<string>;
  workspace_id: string;
  ordercloud_connection_id: string;
  order_id: string;
  currency: string | null;
  total: string | null;
  customer_name: string | null;
  status: string;
  invoice_id: string | null;
  invoice_number: string | null;
  amount_paid: string | null;
  message: string | null;
  /** Why it needs attention (attention-reasons.ts), null otherwise. */
  reason: string | null;
  customer_email: Generated<string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AlertsTable {
  id: Generated<string>;
  workspace_id: string;
  kind: string;
  message: string;
  subject_id: string | null;
  created_at: CreatedAt;
  resolved_at: Date | string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  workspace_id: string;
  actor: string;
  action: string;
  details: Json;
  at: CreatedAt;
}

export interface EchoFingerprintsTable {
  workspace_id: string;
  direction: 'to-ordercloud' | 'to-xero';
  entity_type: string;
  entity_id: string;
  fingerprint: string;
  recorded_at: UpdatedAt;
}

export interface ParkedJobsTable {
  id: Generated<string>;
  workspace_id: string;
  queue: string;
  data: Json;
  reason: string;
  parked_at: CreatedAt;
}

export type OperationKind =
  | 'item'
  | 'item-upsert'
  | 'item-archive'
  | 'contact'
  | 'contact-upsert'
  | 'invoice'
  | 'payment'
  | 'void'
  | 'credit-note'
  | 'allocation';
export type OperationStatus = 'waiting' | 'ready' | 'sending' | 'done' | 'failed';

export interface XeroOperationsTable {
  id: Generated<string>;
  workspace_id: string;
  tenant_id: string;
  source_connection_id: string;
  order_id: string | null;
  kind: OperationKind;
  op_key: string;
  payload: Json;
  depends_on: string | null;
  status: OperationStatus;
  batch_id: string | null;
  target_id: string | null;
  target_number: string | null;
  result: Json | null;
  error: string | null;
  /** Catalog operations: when the source was read for the latest plan (stale plans are dropped). */
  source_read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** A history import's: sent after the live operations of its kind (claimReady). */
  background: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface XeroBatchesTable {
  id: Generated<string>;
  tenant_id: string;
  kind: OperationKind;
  idempotency_key: string;
  operation_ids: Json;
  request: Json;
  status: 'sending' | 'done' | 'failed';
  started_at: CreatedAt;
  finished_at: Date | string | null;
  /** Xero answered an error it keeps for this batch's Idempotency-Key: not to be resent under it. */
  error_kept_at: Date | string | null;
}

export interface XeroContactIndexTable {
  tenant_id: string;
  contact_id: string;
  contact_number: string | null;
  email_key: string | null;
  name: string;
  name_key: string;
  archived: boolean;
  updated_at: Date | string | null;
}

export interface XeroContactSyncTable {
  tenant_id: string;
  modified_through: Date | string | null;
  refreshed_at: Date | string;
}

export interface RateCallsTable {
  tenant_id: string;
  at: Date | string;
  /** The block of the app's minute the call was spent from (null: counted in xero_app_calls). */
  app_block: ColumnType<string | null, string | null | undefined, never>;
}

export interface CatalogItemStatesTable {
  connection_id: string;
  item_code: string;
  fields: Json;
  agreed_at: UpdatedAt;
}

export interface CatalogConflictsTable {
  id: Generated<string>;
  workspace_id: string;
  connection_id: string;
  product_id: string;
  item_code: string;
  field: string;
  ordercloud_value: string | null;
  xero_value: string | null;
  winner: 'ordercloud' | 'xero';
  detected_at: CreatedAt;
  resolved_side: 'ordercloud' | 'xero' | null;
  resolved_by: string | null;
  resolved_at: Date | string | null;
}

export interface CatalogReviewsTable {
  id: Generated<string>;
  workspace_id: string;
  connection_id: string;
  tenant_id: string;
  status: 'open' | 'applied';
  products: Json;
  items: Json;
  created_by: string;
  created_at: CreatedAt;
  applied_by: string | null;
  applied_at: Date | string | null;
}

/** A marketplace's first product sync: whether its organisation held items the app did not make. */
export interface CatalogFirstSyncsTable {
  connection_id: string;
  state: 'checking' | 'clear' | 'opened';
  foreign_items: Generated<number>;
  review_id: string | null;
  updated_at: Generated<Date | string>;
}

export interface CatalogItemLinksTable {
  connection_id: string;
  product_id: string;
  item_code: string;
}

export interface CatalogFieldOwnersTable {
  workspace_id: string;
  tenant_id: string;
  field: string;
  owner: string;
  updated_at: UpdatedAt;
}

export interface ItemPollWatermarksTable {
  connection_id: string;
  modified_since: Date | string | null;
  full_read_at: Date | string | null;
  polled_at: Date | string;
}

/** Calls admitted app-wide (every tenant) per short bucket of Xero's minute. */
export interface XeroAppCallsTable {
  bucket: Date | string;
  calls: number;
}

export interface XeroAppBlocksTable {
  id: string;
  size: number;
  expires_at: Date | string;
}

export interface XeroAppTurnsTable {
  tenant_id: string;
  ticket: Generated<string>;
  due_at: Date | string;
}

export interface ReconcileWatermarksTable {
  connection_id: string;
  through: Date | string;
  checked_at: Date | string;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  workspace_id: string;
  environment_id: string;
  position: number;
  name: string;
  match_kind: string;
  match_value: string;
  xero_connection_id: string;
  mapping_version_id: string | null;
  created_at: CreatedAt;
}

export interface SitecoreSitesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  environment_id: string;
  api_key_id: string | null;
  key_id: string;
  signing_secret_enc: string;
  status: Generated<'active' | 'disconnected'>;
  created_at: CreatedAt;
}

export interface SitecoreDocumentsTable {
  site_id: string;
  kind: 'order' | 'payment' | 'customer' | 'refund';
  document_id: string;
  parent_id: string | null;
  payload: Json;
  updated_at: UpdatedAt;
}
