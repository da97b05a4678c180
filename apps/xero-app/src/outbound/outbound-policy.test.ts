import { describe, expect, it } from 'vitest';
import { createOutboundPolicy, parseAllowedHosts } from './outbound-policy.ts';

describe('outbound policy', () => {
  const policy = createOutboundPolicy({ allowedHttpHosts: ['sandbox.local', '127.0.0.2'] });

  it.each([
    'https://127.0.0.1/',
    'https://0x7f000001/',
    'https://2130706433/',
    'https://0177.0.0.1/',
    'https://017700000001/',
    'https://127.1/',
    'https://127.0.0.1./',
    'https://0/',
    'https://[::1]/',
    'https://[0:0:0:0:0:0:0:1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:7f00:1]/',
    'https://[::127.0.0.1]/',
    'https://[fe80::1]/',
    'https://[fd00::1]/',
    'https://169.254.169.254/latest/meta-data/',
    'https://100.100.100.200/',
    'https://10.0.0.1:5432/',
    'https://192.168.0.1/',
  ])('refuses the address form %s', (url) => {
    expect(policy.checkUrl(url)).toMatchObject({ ok: false });
  });

  it.each([
    'http://example.com/',
    'ftp://example.com/',
    'file:///etc/passwd',
    'gopher://example.com/',
    'https://user:pass@example.com/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(policy.checkUrl(url)).toMatchObject({ ok: false });
  });

  it('lets https on a named or public host through to the connect-time check', () => {
    expect(policy.checkUrl('https://australiaeast-sandbox.ordercloud.io')).toMatchObject({ ok: true });
    expect(policy.checkUrl('https://8.8.8.8/')).toMatchObject({ ok: true });
  });

  it('allows plain http and private addresses only for hosts in ALLOWED_HTTP_HOSTS', () => {
    expect(policy.checkUrl('http://sandbox.local:4010/v1')).toMatchObject({ ok: true });
    expect(policy.checkUrl('http://SANDBOX.local./v1')).toMatchObject({ ok: true });
    expect(policy.checkUrl('http://127.0.0.2:9/')).toMatchObject({ ok: true });
    expect(policy.checkUrl('http://127.0.0.1:9/')).toMatchObject({ ok: false });
    expect(policy.checkUrl('file://sandbox.local/x')).toMatchObject({ ok: false });
    expect(policy.trusts('sandbox.local')).toBe(true);
    expect(policy.trusts('other.local')).toBe(false);
  });

  it('parses ALLOWED_HTTP_HOSTS lists', () => {
    expect(parseAllowedHosts(' 127.0.0.1, localhost  [::1]')).toEqual(['127.0.0.1', 'localhost', '[::1]']);
    expect(parseAllowedHosts(undefined)).toEqual([]);
  });
});
