import { randomUUID } from 'node:crypto';
import type { Banner } from '../dashboard/banners.ts';
import { alertDelivery } from './alert-delivery.ts';
import { decideAlerts } from './alert-dedup.ts';
import { ALERT_RETRY_DELAYS_MS, type AlertRetryJob, attemptOutcome } from './alert-retry.ts';
import type { AlertCandidate } from './alert-kinds.ts';
import type { AlertsStore, StoredAlertSettings } from './alerts-repo.ts';
import { detectAlerts } from './detect-alerts.ts';
import type { AlertDestination, DeliveryOutcome } from './destinations/alert-destination.ts';

export type AlertPorts = {
  readonly store: Pick<
    AlertsStore,
    | 'settings'
    | 'workspacesWithDestinations'
    | 'claimCheck'
    | 'saveOpenKeys'
    | 'lastSent'
    | 'record'
    | 'addSuppressed'
    | 'workspaceName'
    | 'newAttention'
    | 'authorisations'
    | 'deliveriesOf'
    | 'updateDeliveries'
  >;
  /** The overview's banners for the workspace, as the dashboard computes them. */
  readonly banners: (workspaceId: string) => Promise<readonly Banner[]>;
  /** Dead letters of the workspace that landed after `since`. */
  readonly deadLettersSince: (
    workspaceId: string,
    since: Date,
  ) => Promise<ReadonlyArray<{ summary: string; error: string }>>;
  /** The destinations the settings name (webhook, e-mail), each built by its own module. */
  readonly destinationsFor: (settings: StoredAlertSettings) => readonly AlertDestination[];
  readonly publicUrl: string;
  readonly clock?: () => Date;
  /**
   * Sends a delivery again later (the `alert-retry` queue) to the destinations that did not take it.
   * Without it a failed delivery is only logged.
   */
  readonly retryLater?: (job: AlertRetryJob, afterMs: number) => Promise<void>;
  readonly retryDelaysMs?: readonly number[];
};

/** The first check of a workspace looks this far back (not at everything that ever failed). */
const FIRST_LOOK_BACK_MS = 5 * 60_000;

async function deliver(
  ports: AlertPorts,
  settings: StoredAlertSettings,
  candidates: readonly AlertCandidate[],
  now: Date,
): Promise<DeliveryOutcome[]> {
  const delivery = alertDelivery({
    id: randomUUID(),
    workspace: { id: settings.workspaceId, name: await ports.store.workspaceName(settings.workspaceId) },
    sentAt: now,
    candidates,
    publicUrl: ports.publicUrl,
  });
  const destinations = ports.destinationsFor(settings);
  const sent = await Promise.all(destinations.map((d) => d.send(delivery)));
  const attempts = sent.map((outcome) =>
    ports.retryLater
      ? attemptOutcome({ outcome, attempt: 1, delaysMs: ports.retryDelaysMs ?? ALERT_RETRY_DELAYS_MS })
      : { outcome },
  );
  const outcomes = attempts.map((a) => a.outcome);
  const logIds = await ports.store.record({
    workspaceId: settings.workspaceId,
    candidates,
    deliveries: outcomes,
    publicUrl: ports.publicUrl,
    at: now,
  });
  const retryInMs = attempts.find((a) => a.retryInMs !== undefined)?.retryInMs;
  if (ports.retryLater && retryInMs !== undefined)
    await ports.retryLater(
      {
        workspaceId: settings.workspaceId,
        logIds,
        delivery,
        channels: sent.filter((o) => !o.ok).map((o) => o.channel),
        attempt: 2,
      },
      retryInMs,
    );
  return outcomes;
}

/** One check of one workspace: detect, deduplicate, send what is new as one delivery, log it. */
const SAME_CHECK_WITHIN_MS = 30_000;

export async function checkWorkspaceAlerts(
  ports: AlertPorts,
  workspaceId: string,
): Promise<{ sent: number; suppressed: number } | undefined> {
  const now = (ports.clock ?? (() => new Date()))();
  const settings = await ports.store.settings(workspaceId);
  if (!settings) return undefined;
  // Another worker checking the same workspace at about the same time: one of them wins the claim. A
  // compare-and-set on the previous check's time let a check that read the settings just after another's
  // claim through as well; checks are a minute apart, so one within half a minute is the same check.
  const lastBefore = new Date(now.getTime() - SAME_CHECK_WITHIN_MS);
  if (!(await ports.store.claimCheck({ workspaceId, lastBefore, now }))) return undefined;
  const since = settings.checkedAt ?? new Date(now.getTime() - FIRST_LOOK_BACK_MS);
  const [banners, newDeadLetters, newAttention, authorisations] = await Promise.all([
    ports.banners(workspaceId),
    ports.deadLettersSince(workspaceId, since),
    ports.store.newAttention(workspaceId, since),
    ports.store.authorisations(workspaceId),
  ]);
  const candidates = detectAlerts({
    now,
    since,
    banners,
    newDeadLetters,
    newAttention,
    attentionThreshold: settings.attentionThreshold,
    authorisations,
  });
  const decision = decideAlerts({
    candidates,
    enabled: new Set(settings.events),
    openKeys: settings.openKeys,
    lastSent: await ports.store.lastSent(
      workspaceId,
      candidates.map((c) => c.key),
    ),
    now,
    quietMs: settings.quietMinutes * 60_000,
  });
  if (decision.send.length > 0) await deliver(ports, settings, decision.send, now);
  await ports.store.addSuppressed(workspaceId, decision.suppress);
  await ports.store.saveOpenKeys(workspaceId, decision.openKeys);
  return { sent: decision.send.length, suppressed: decision.suppress.length };
}

/** The scheduled check: every workspace with a destination. */
export async function checkAllAlerts(ports: AlertPorts): Promise<{ sent: number; suppressed: number }> {
  let sent = 0;
  let suppressed = 0;
  for (const workspaceId of await ports.store.workspacesWithDestinations()) {
    const outcome = await checkWorkspaceAlerts(ports, workspaceId);
    sent += outcome?.sent ?? 0;
    suppressed += outcome?.suppressed ?? 0;
  }
  return { sent, suppressed };
}

/** "Send a test alert" in the console: one delivery to every destination, logged like any other. */
export async function sendTestAlert(
  ports: Pick<AlertPorts, 'store' | 'destinationsFor' | 'publicUrl' | 'clock'>,
  input: { workspaceId: string; actor: string },
): Promise<DeliveryOutcome[] | undefined> {
  const settings = await ports.store.settings(input.workspaceId);
  if (!settings) return undefined;
  const now = (ports.clock ?? (() => new Date()))();
  return deliver(
    ports as AlertPorts,
    settings,
    [
      {
        kind: 'test',
        key: `test:${now.toISOString()}`,
        title: 'Test alert',
        message: `${input.actor} sent a test alert from the console. Alerts arrive like this one.`,
        href: '/console/alerts',
        count: 1,
        ongoing: false,
      },
    ],
    now,
  );
}
