import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createSession } from '../../auth/sessions-repo.ts';
import { connectOrderCloud } from '../../connections/connect-ordercloud.ts';
import { saveXeroAuthorisation } from '../../connections/save-xero-authorisation.ts';
import { createFakeXeroIdentity } from '../../connections/testing/fake-xero-identity.ts';
import { seedWorkspace } from '../../connections/testing/seed-workspace.ts';
import { createKeyring } from '../../crypto/keyring.ts';
import { defaultMapping } from '../../mapping/default-mapping.ts';
import { fixtureReference } from '../../testing/fixture-reference.ts';
import type { DatabaseSchema } from '../../db/schema.ts';
import type { JobQueue } from '../../queue/job-queue.ts';
import { createApiKeyStore } from '../api-keys.ts';
import { bindEnvironment } from '../bind-environment.ts';
import { createConnectedApp } from '../connected-app.ts';
import { createFakeOrderCloudAdmin } from './fake-ordercloud-admin.ts';
import { createAlertsConsole } from '../../alerts/alerts-console.ts';
import { createAlertsStore } from '../../alerts/alerts-repo.ts';
import { createAlertPorts } from '../../alerts/alerts-wiring.ts';
import { createOutboundPolicy } from '../../outbound/outbound-policy.ts';
import { createSafeFetch } from '../../outbound/safe-fetch.ts';

export const harnessConfig = {
  PUBLIC_URL: 'http://127.0.0.1:3999',
  SESSION_SECRET: 's'.repeat(40),
  XERO_SCOPES:
    'openid profile email offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings',
  XERO_WEBHOOK_KEY: 'webhook-key',
  XERO_DAILY_LIMIT: 5000,
  XERO_MINUTE_MS: 60_000,
  XERO_LOGIN_URL: 'https://login.test',
  ORDERCLOUD_API_URL: 'https://sandboxapi.ordercloud.io',
  STATUS_LINK_DAYS: 90,
};

export function createHarness(deps: { db: Kysely<DatabaseSchema>; queue: JobQueue }) {
  const keyring = createKeyring({ current: 'h'.repeat(43) });
  const xero = createFakeXeroIdentity();
  const oc = createFakeOrderCloudAdmin();
  const alertPolicy = createOutboundPolicy({ allowedHttpHosts: [] });
  const connected = createConnectedApp({
    db: deps.db,
    queue: deps.queue,
    identity: xero.identity,
    orderCloudAdmin: oc.admin,
    keyring,
    config: harnessConfig,
    logger: { error: () => {} },
    alerts: createAlertsConsole({
      ports: createAlertPorts({
        db: deps.db,
        keyring,
        queue: deps.queue,
        fetch: createSafeFetch({ policy: alertPolicy }),
        config: { ...harnessConfig, SMTP_FROM: 'alerts@harness.test' },
      }),
      store: createAlertsStore({ db: deps.db, keyring }),
      policy: alertPolicy,
      emailAvailable: false,
    }),
  });
  return { app: connected.routes, tokens: connected.tokens, keyring, xero, oc };
}

export type Harness = ReturnType<typeof createHarness>;

/** A fully installed workspace: signed-in user, Xero org, OrderCloud marketplace, a synced order, a mapping, an API key. */
export async function installWorkspace(
  harness: Harness,
  db: Kysely<DatabaseSchema>,
  queue: JobQueue,
  name: string,
) {
  const { workspaceId, userId } = await seedWorkspace(db, name);
  const session = await createSession(db, { userId, workspaceId });
  const csrf = await db
    .selectFrom('sessions')
    .select('csrf_token')
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  const tenantId = `tenant-${name}-${randomUUID()}`;
  const saved = await saveXeroAuthorisation(
    { db, keyring: harness.keyring, queue },
    {
      workspaceId,
      xeroUserId: `xu-${name}`,
      tokens: harness.xero.issue(),
      tenants: [
        {
          id: `xc-${tenantId}`,
          authEventId: 'a',
          tenantId,
          tenantType: 'ORGANISATION',
          tenantName: `${name} Org`,
        },
      ],
      actor: 'setup',
    },
  );
  if (!saved.ok) throw new Error(saved.error.message);
  const xeroConnectionId = saved.value.connections[0]!.id;
  const oc = await connectOrderCloud(
    { db, keyring: harness.keyring, admin: harness.oc.admin, publicUrl: harnessConfig.PUBLIC_URL },
    {
      workspaceId,
      actor: 'setup',
      name: `${name} marketplace`,
      apiUrl: 'https://sandboxapi.ordercloud.io',
      clientId: `client-${name}`,
      clientSecret: 'secret',
      environment: 'prod',
    },
  );
  if (!oc.ok) throw new Error(oc.error.message);
  const ordercloudConnectionId = oc.value.connectionId;
  await bindEnvironment(db, { workspaceId, environment: 'prod', xeroConnectionId, actor: 'setup' });
  const mapping = await db
    .insertInto('mapping_versions')
    .values({
      workspace_id: workspaceId,
      version: 1,
      config: JSON.stringify({
        ...defaultMapping(fixtureReference('au')),
        contacts: { companyContactsForB2B: true, guestName: `${name} guest` },
      }),
      note: `${name} mapping`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('environments')
    .set({ mapping_version_id: mapping.id })
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', 'prod')
    .execute();
  const orderId = `ORDER-${name}-${randomUUID().slice(0, 8)}`;
  const order = await db
    .insertInto('order_syncs')
    .values({
      workspace_id: workspaceId,
      ordercloud_connection_id: ordercloudConnectionId,
      order_id: orderId,
      status: 'invoiced',
      invoice_id: `inv-${name}`,
      invoice_number: `INV-${name}`,
      total: '10.00',
      currency: 'AUD',
      amount_paid: '0.00',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('reference_cache')
    .values({ tenant_id: tenantId, kind: 'all', data: JSON.stringify(fixtureReference('au')) })
    .execute();
  const apiKey = await createApiKeyStore(db).create({ workspaceId, name: `${name} key`, actor: 'setup' });
  return {
    workspaceId,
    userId,
    cookie: `lb_session=${session.token}`,
    csrf: csrf.csrf_token,
    tenantId,
    xeroConnectionId,
    ordercloudConnectionId,
    orderId,
    orderSyncId: order.id,
    mappingVersionId: mapping.id,
    apiKey,
  };
}
