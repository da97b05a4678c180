import type { AlertCandidate } from './alert-kinds.ts';

/** One notification: everything one check decided to send, for every destination. */
export type AlertDelivery = {
  readonly id: string;
  readonly workspace: { readonly id: string; readonly name: string };
  readonly sentAt: string;
  readonly test: boolean;
  readonly alerts: ReadonlyArray<{
    readonly type: string;
    readonly title: string;
    readonly message: string;
    readonly url: string;
    readonly count: number;
  }>;
};

/** Console paths become absolute links under the app's public URL. */
export function alertDelivery(input: {
  id: string;
  workspace: { id: string; name: string };
  sentAt: Date;
  candidates: readonly AlertCandidate[];
  publicUrl: string;
}): AlertDelivery {
  const base = input.publicUrl.replace(/\/+$/, '');
  return {
    id: input.id,
    workspace: input.workspace,
    sentAt: input.sentAt.toISOString(),
    test: input.candidates.every((c) => c.kind === 'test'),
    alerts: input.candidates.map((c) => ({
      type: c.kind,
      title: c.title,
      message: c.message,
      url: /^https?:\/\//.test(c.href) ? c.href : `${base}${c.href}`,
      count: c.count,
    })),
  };
}

/** The e-mail of a delivery: the first title as subject, every alert in plain text. */
export function alertEmail(delivery: AlertDelivery): { subject: string; text: string } {
  const [first, ...rest] = delivery.alerts;
  const subject = `[Ledgerbridge] ${first?.title ?? 'Alert'}${rest.length ? ` (+${rest.length} more)` : ''}`;
  const text = [
    `Ledgerbridge · ${delivery.workspace.name} · ${delivery.sentAt}`,
    '',
    ...delivery.alerts.flatMap((a) => [a.title, a.message, a.url, '']),
    'You receive this because this address is an alert destination of the workspace (Console › Alerts).',
  ].join('\n');
  return { subject, text };
}
