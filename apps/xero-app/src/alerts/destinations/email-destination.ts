import { createTransport } from 'nodemailer';
import type { AlertDelivery } from '../alert-delivery.ts';
import { alertEmail } from '../alert-delivery.ts';
import type { AlertDestination } from './alert-destination.ts';

export type SendMail = (mail: {
  from: string;
  to: string[];
  subject: string;
  text: string;
}) => Promise<unknown>;

/** An SMTP sender over SMTP_URL (operator-set, like the Xero URLs: not a merchant's URL). */
export function createSmtpSender(smtpUrl: string): SendMail {
  const transport = createTransport(smtpUrl);
  return (mail) => transport.sendMail(mail);
}

/** Plain-text e-mail to the workspace's recipients. */
export function createEmailDestination(deps: {
  send: SendMail;
  from: string;
  to: string[];
}): AlertDestination {
  return {
    channel: 'email',
    async send(delivery: AlertDelivery) {
      const { subject, text } = alertEmail(delivery);
      try {
        await deps.send({ from: deps.from, to: deps.to, subject, text });
        return {
          channel: 'email',
          ok: true,
          detail: `sent to ${deps.to.length} recipient${deps.to.length === 1 ? '' : 's'}`,
        };
      } catch (error) {
        return {
          channel: 'email',
          ok: false,
          detail: error instanceof Error ? error.message : String(error),
        };
      }
    },
  };
}
