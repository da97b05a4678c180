import type { SafeFetch } from '../../outbound/safe-fetch.ts';
import type { AlertSettings } from '../alert-settings.ts';
import type { AlertDestination } from './alert-destination.ts';
import { createEmailDestination, type SendMail } from './email-destination.ts';
import { createWebhookDestination } from './webhook-destination.ts';

/** The destinations a workspace's settings name; e-mail only where the operator set SMTP_URL. */
export function createDestinationsFor(deps: {
  fetch: SafeFetch;
  sendMail?: SendMail;
  from: string;
  clock?: () => Date;
}) {
  return (settings: AlertSettings & { webhookSecret: string | null }): AlertDestination[] => {
    const out: AlertDestination[] = [];
    if (settings.webhookUrl && settings.webhookSecret)
      out.push(
        createWebhookDestination({
          fetch: deps.fetch,
          url: settings.webhookUrl,
          secret: settings.webhookSecret,
          ...(deps.clock ? { clock: deps.clock } : {}),
        }),
      );
    if (deps.sendMail && settings.emailTo.length > 0)
      out.push(createEmailDestination({ send: deps.sendMail, from: deps.from, to: [...settings.emailTo] }));
    return out;
  };
}
