import { fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import type { OutboundPolicy } from '../outbound/outbound-policy.ts';
import { type AlertSettings, defaultAlertSettings, parseAlertSettings } from './alert-settings.ts';
import type { AlertLogRow, AlertsStore } from './alerts-repo.ts';
import type { DeliveryOutcome } from './destinations/alert-destination.ts';
import { type AlertPorts, sendTestAlert } from './evaluate-alerts.ts';

export type AlertsPageData = {
  readonly settings: AlertSettings;
  readonly configured: boolean;
  readonly webhookSecret: string | null;
  readonly emailAvailable: boolean;
  readonly log: readonly AlertLogRow[];
};

type Actor = { workspaceId: string; actor: string };

export type AlertSettingsForm = Parameters<typeof parseAlertSettings>[0];

/** What the console's alerts page does: read, save (checked), rotate the signing secret, send a test. */
export function createAlertsConsole(deps: {
  ports: AlertPorts;
  store: Pick<AlertsStore, 'settings' | 'save' | 'log'>;
  policy: Pick<OutboundPolicy, 'checkUrl'>;
  emailAvailable: boolean;
}) {
  return {
    async page(workspaceId: string): Promise<AlertsPageData> {
      const [stored, log] = await Promise.all([
        deps.store.settings(workspaceId),
        deps.store.log(workspaceId),
      ]);
      return {
        settings: stored ?? defaultAlertSettings,
        configured: Boolean(stored),
        webhookSecret: stored?.webhookSecret ?? null,
        emailAvailable: deps.emailAvailable,
        log,
      };
    },
    async save(input: Actor & { form: AlertSettingsForm }): Promise<Result<void>> {
      const parsed = parseAlertSettings(input.form, deps.policy);
      if (!parsed.ok) return parsed;
      if (parsed.value.emailTo.length > 0 && !deps.emailAvailable)
        return fail(
          permanent(
            'email-unavailable',
            'E-mail alerts need the operator to set SMTP_URL; use the webhook meanwhile.',
          ),
        );
      await deps.store.save({ workspaceId: input.workspaceId, actor: input.actor, settings: parsed.value });
      return ok(undefined);
    },
    async rotateSecret(input: Actor): Promise<Result<void>> {
      const stored = await deps.store.settings(input.workspaceId);
      if (!stored) return fail(permanent('not-configured', 'Save the alert settings first.'));
      await deps.store.save({ ...input, settings: stored, rotateSecret: true });
      return ok(undefined);
    },
    async test(input: Actor): Promise<Result<readonly DeliveryOutcome[]>> {
      const outcomes = await sendTestAlert(deps.ports, input);
      if (!outcomes) return fail(permanent('not-configured', 'Save the alert settings first.'));
      if (outcomes.length === 0)
        return fail(
          permanent('no-destination', 'No destination set: add a webhook URL or an e-mail address.'),
        );
      return ok(outcomes);
    },
  };
}

export type AlertsConsole = ReturnType<typeof createAlertsConsole>;
