import { describe, expect, it } from 'vitest';
import { alertDelivery, alertEmail } from './alert-delivery.ts';
import type { AlertCandidate } from './alert-kinds.ts';

const candidate = (over: Partial<AlertCandidate> = {}): AlertCandidate => ({
  kind: 'dead-letter',
  key: 'dead-letter',
  title: '3 jobs failed after every retry',
  message: 'order.submitted · O-1: Xero said no and 2 more.',
  href: '/console/dead-letters',
  count: 3,
  ongoing: false,
  ...over,
});
const delivery = (candidates: AlertCandidate[]) =>
  alertDelivery({
    id: 'd-1',
    workspace: { id: 'w', name: 'Acme' },
    sentAt: new Date('2026-12-06T10:00:00Z'),
    candidates,
    publicUrl: 'https://lb.example.com/',
  });

describe('alert deliveries', () => {
  it('makes console paths absolute under the public URL and keeps absolute links', () => {
    const d = delivery([
      candidate(),
      candidate({ kind: 'xero-failing', key: 'x', href: 'https://status.xero.com/' }),
    ]);
    expect(d.alerts.map((a) => a.url)).toEqual([
      'https://lb.example.com/console/dead-letters',
      'https://status.xero.com/',
    ]);
    expect(d.test).toBe(false);
    expect(d.sentAt).toBe('2026-12-06T10:00:00.000Z');
  });

  it('marks a test delivery', () => {
    expect(delivery([candidate({ kind: 'test' })]).test).toBe(true);
  });

  it('e-mails the first title as subject, counting the rest, and every alert in the text', () => {
    const mail = alertEmail(delivery([candidate(), candidate({ title: 'AU needs reconnecting', key: 'r' })]));
    expect(mail.subject).toBe('[Ledgerbridge] 3 jobs failed after every retry (+1 more)');
    expect(mail.text).toContain('AU needs reconnecting');
    expect(mail.text).toContain('https://lb.example.com/console/dead-letters');
  });
});
