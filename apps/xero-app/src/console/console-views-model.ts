// What the console pages show; produced by the workspace-scoped queries, rendered by the views.

export type Budget = {
  readonly used: number;
  readonly limit: number;
  readonly left: number;
  readonly pausedUntil: Date | null;
};

export type XeroConnectionView = {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly status: 'active' | 'needs-reconnect' | 'disconnected';
  readonly statusReason: string | null;
  readonly accessExpiresAt: Date;
  readonly refreshExpiresAt: Date;
  readonly environments: readonly string[];
  readonly lastSyncAt: Date | null;
  readonly budget: Budget;
};

export type OrderCloudConnectionView = {
  readonly id: string;
  readonly name: string;
  readonly apiUrl: string;
  readonly clientId: string;
  readonly status: 'active' | 'broken' | 'disconnected';
  readonly statusReason: string | null;
  readonly webhookId: string | null;
  readonly verifiedAt: Date | null;
  readonly environments: readonly string[];
  readonly lastSyncAt: Date | null;
};

export type EnvironmentView = {
  readonly id: string;
  readonly name: 'dev' | 'qa' | 'prod';
  readonly xeroConnectionId: string | null;
  readonly tenantName: string | null;
  readonly ordercloudConnectionId: string | null;
  readonly ordercloudName: string | null;
  readonly mappingVersion: number | null;
  readonly lastSyncAt: Date | null;
};

export type MappingView = {
  readonly environment: string;
  readonly version: number;
  readonly note: string;
  readonly createdAt: Date;
  readonly config: unknown;
};

export type OrderView = {
  readonly id: string;
  readonly orderId: string;
  readonly connectionName: string;
  readonly status: string;
  readonly invoiceId: string | null;
  readonly invoiceNumber: string | null;
  readonly total: string | null;
  readonly currency: string | null;
  readonly customerName: string | null;
  readonly amountPaid: string | null;
  readonly message: string | null;
  readonly updatedAt: Date;
};

export type TimelineView = {
  readonly at: Date;
  readonly step: string;
  readonly outcome: 'ok' | 'info' | 'error' | 'pending';
  readonly message: string;
};

export type AlertView = {
  readonly id: string;
  readonly kind: string;
  readonly message: string;
  readonly createdAt: Date;
};

export type ApiKeyView = {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
};

export type DeadLetterView = {
  readonly id: string;
  readonly queue: string;
  readonly summary: string;
  readonly error: string;
  readonly retries: number | null;
  readonly createdOn: Date;
};
