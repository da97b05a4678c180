import { describe, expect, it } from 'vitest';
import type { AlertSignals } from '../alert-signals.ts';
import { attentionAlerts } from './attention-alerts.ts';
import { bannerAlerts } from './banner-alerts.ts';
import { deadLetterAlerts } from './dead-letter-alerts.ts';
import { tokenExpiryAlerts } from './token-expiry-alerts.ts';
import { REFRESH_FAILURES_ALERT, tokenRefreshAlerts } from './token-refresh-alerts.ts';

const now = new Date('2026-12-06T10:00:00Z');
const signals = (over: Partial<AlertSignals> = {}): AlertSignals => ({
  now,
  since: new Date(now.getTime() - 60_000),
  banners: [],
  newDeadLetters: [],
  newAttention: new Map(),
  attentionThreshold: 3,
  authorisations: [],
  ...over,
});

describe('dead-letter alerts', () => {
  it('are one alert however many letters landed, naming the first', () => {
    const letters = Array.from({ length: 40 }, (_, i) => ({
      summary: `order.submitted · O-${i}`,
      error: 'Xero 500',
    }));
    const [alert, ...rest] = deadLetterAlerts(signals({ newDeadLetters: letters }));
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      kind: 'dead-letter',
      count: 40,
      title: '40 jobs failed after every retry',
      ongoing: false,
    });
    expect(alert?.message).toContain('O-0: Xero 500 and 39 more');
  });
  it('are nothing without new letters', () => {
    expect(deadLetterAlerts(signals())).toEqual([]);
  });
});

describe('attention alerts', () => {
  it('fire at the threshold, with counts by reason, most first', () => {
    const [alert] = attentionAlerts(
      signals({
        newAttention: new Map([
          ['lock-date', 1],
          ['tax-mapping', 2],
        ]),
      }),
    );
    expect(alert).toMatchObject({ title: '3 orders need attention', count: 3 });
    expect(alert?.message).toContain('2 × tax-mapping, 1 × lock-date');
  });
  it('stay quiet below it', () => {
    expect(attentionAlerts(signals({ newAttention: new Map([['lock-date', 2]]) }))).toEqual([]);
  });
});

describe('banner alerts', () => {
  it('are conditions keyed by kind and organisation', () => {
    const alerts = bannerAlerts(
      signals({
        banners: [
          {
            kind: 'needs-reconnect',
            tenantName: 'AU',
            message: 'AU needs reconnecting…',
            href: '/console/organisations',
            linkText: 'Reconnect',
          },
          { kind: 'queue-growing', message: '12 waiting', href: '/console/orders', linkText: 'Pending' },
        ],
      }),
    );
    expect(alerts.map((a) => [a.key, a.title, a.ongoing])).toEqual([
      ['needs-reconnect:AU', 'AU needs reconnecting', true],
      ['queue-growing:', 'Xero documents are piling up', true],
    ]);
  });
});

const healthy = { refreshFailures: 0, refreshFailedAt: null, refreshError: null };

describe('token refresh alerts', () => {
  it('tell of refreshes failing in a row from the third on, with the last error', () => {
    const later = new Date(now.getTime() + 50 * 86_400_000);
    const alerts = tokenRefreshAlerts(
      signals({
        authorisations: [
          { ...healthy, tenantName: 'AU', refreshExpiresAt: later, refreshFailures: 2 },
          {
            tenantName: 'NZ',
            refreshExpiresAt: later,
            refreshFailures: REFRESH_FAILURES_ALERT,
            refreshFailedAt: now,
            refreshError: 'Xero answered 503',
          },
        ],
      }),
    );
    expect(alerts.map((a) => [a.kind, a.key, a.ongoing])).toEqual([
      ['token-expiring', 'token-refresh-failing:NZ', true],
    ]);
    expect(alerts[0]?.message).toContain('3 refreshes in a row failed');
    expect(alerts[0]?.message).toContain('Xero answered 503');
  });
});

describe('token expiry alerts', () => {
  it('warn within seven days of the refresh token ending, not before', () => {
    const day = 86_400_000;
    const alerts = tokenExpiryAlerts(
      signals({
        authorisations: [
          { ...healthy, tenantName: 'AU', refreshExpiresAt: new Date(now.getTime() + 3 * day + 1000) },
          { ...healthy, tenantName: 'NZ', refreshExpiresAt: new Date(now.getTime() + 8 * day) },
        ],
      }),
    );
    expect(alerts.map((a) => a.key)).toEqual(['token-expiring:AU']);
    expect(alerts[0]?.message).toContain('expires in 3 days');
  });
});
