import { describe, expect, it } from 'vitest';
import { createOutboundPolicy } from '../outbound/outbound-policy.ts';
import { parseAlertSettings, storedEvents } from './alert-settings.ts';

const policy = createOutboundPolicy({ allowedHttpHosts: [] });
const form = (over: Partial<Parameters<typeof parseAlertSettings>[0]> = {}) => ({
  webhookUrl: 'https://hooks.example.com/lb',
  emailTo: 'ops@example.com, Books@Example.com',
  events: ['dead-letter', 'needs-reconnect', 'not-a-kind'],
  quietMinutes: '30',
  attentionThreshold: '5',
  ...over,
});

describe('parseAlertSettings', () => {
  it('keeps known events in their order, lower-cases and dedupes addresses', () => {
    const r = parseAlertSettings(form({ emailTo: 'a@x.io; B@X.io a@x.io' }), policy);
    expect(r.ok && r.value).toEqual({
      webhookUrl: 'https://hooks.example.com/lb',
      emailTo: ['a@x.io', 'b@x.io'],
      events: ['dead-letter', 'needs-reconnect'],
      quietMinutes: 30,
      attentionThreshold: 5,
    });
  });

  it('refuses webhook URLs the outbound guard would refuse', () => {
    for (const url of [
      'http://hooks.example.com/',
      'https://127.0.0.1/',
      'https://169.254.169.254/latest',
      'https://u:p@x.io/',
    ]) {
      const r = parseAlertSettings(form({ webhookUrl: url }), policy);
      expect(r.ok ? 'accepted' : r.error.code).toBe('invalid-webhook-url');
    }
  });

  it('allows plain http to a host the operator allowed', () => {
    const local = createOutboundPolicy({ allowedHttpHosts: ['127.0.0.1'] });
    expect(parseAlertSettings(form({ webhookUrl: 'http://127.0.0.1:9/x' }), local).ok).toBe(true);
  });

  it('refuses a bad address, more than five, and quiet periods or thresholds out of range', () => {
    const code = (over: Partial<Parameters<typeof parseAlertSettings>[0]>) => {
      const r = parseAlertSettings(form(over), policy);
      return r.ok ? 'accepted' : r.error.code;
    };
    expect(code({ emailTo: 'not-an-address' })).toBe('invalid-email');
    expect(code({ emailTo: 'a@x.io,b@x.io,c@x.io,d@x.io,e@x.io,f@x.io' })).toBe('invalid-email');
    expect(code({ quietMinutes: '0' })).toBe('invalid-quiet-period');
    expect(code({ quietMinutes: '1.5' })).toBe('invalid-quiet-period');
    expect(code({ attentionThreshold: '' })).toBe('invalid-threshold');
  });

  it('accepts no destination at all (alerts off)', () => {
    const r = parseAlertSettings(form({ webhookUrl: '', emailTo: '' }), policy);
    expect(r.ok && [r.value.webhookUrl, r.value.emailTo]).toEqual([null, []]);
  });
});

describe('storedEvents', () => {
  it('drops kinds it does not know', () => {
    expect(storedEvents(['attention', 'gone', 3])).toEqual(['attention']);
    expect(storedEvents(null)).toEqual([]);
  });
});
