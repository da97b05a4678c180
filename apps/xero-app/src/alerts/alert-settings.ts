import { fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import type { OutboundPolicy } from '../outbound/outbound-policy.ts';
import { type AlertKind, alertKinds, isAlertKind } from './alert-kinds.ts';

export type AlertSettings = {
  readonly webhookUrl: string | null;
  readonly emailTo: readonly string[];
  readonly events: readonly AlertKind[];
  readonly quietMinutes: number;
  readonly attentionThreshold: number;
};

export const defaultAlertSettings: AlertSettings = {
  webhookUrl: null,
  emailTo: [],
  events: alertKinds,
  quietMinutes: 30,
  attentionThreshold: 5,
};

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
export const MAX_RECIPIENTS = 5;

/** The console's form, checked: the webhook URL against the outbound policy, at most five addresses. */
export function parseAlertSettings(
  form: {
    webhookUrl: string;
    emailTo: string;
    events: readonly string[];
    quietMinutes: string;
    attentionThreshold: string;
  },
  policy: Pick<OutboundPolicy, 'checkUrl'>,
): Result<AlertSettings> {
  const url = form.webhookUrl.trim();
  if (url) {
    if (url.length > 2000) return fail(permanent('invalid-webhook-url', 'The webhook URL is too long.'));
    const verdict = policy.checkUrl(url);
    if (!verdict.ok)
      return fail(
        permanent(
          'invalid-webhook-url',
          `The webhook URL cannot be used (${verdict.reason}): it must be https on a public address.`,
        ),
      );
  }
  const emails = form.emailTo
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = emails.find((e) => !EMAIL.test(e) || e.length > 254);
  if (bad) return fail(permanent('invalid-email', `“${bad.slice(0, 80)}” is not an e-mail address.`));
  if (emails.length > MAX_RECIPIENTS)
    return fail(permanent('invalid-email', `At most ${MAX_RECIPIENTS} e-mail addresses.`));
  const quiet = Number(form.quietMinutes);
  if (!Number.isInteger(quiet) || quiet < 1 || quiet > 1440)
    return fail(
      permanent('invalid-quiet-period', 'The quiet period is a whole number of minutes, 1 to 1440.'),
    );
  const threshold = Number(form.attentionThreshold);
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 10_000)
    return fail(
      permanent('invalid-threshold', 'The attention threshold is a whole number of orders, at least 1.'),
    );
  return ok({
    webhookUrl: url || null,
    emailTo: [...new Set(emails.map((e) => e.toLowerCase()))],
    events: alertKinds.filter((k) => form.events.includes(k)),
    quietMinutes: quiet,
    attentionThreshold: threshold,
  });
}

/** Stored event lists may name kinds a later version dropped: those are ignored. */
export function storedEvents(value: unknown): AlertKind[] {
  return Array.isArray(value)
    ? value.filter((v): v is AlertKind => typeof v === 'string' && isAlertKind(v))
    : [];
}
