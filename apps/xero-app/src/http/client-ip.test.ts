import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip.ts';

describe('clientIp', () => {
  it('uses the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientIp({ remoteAddress: '203.0.113.9', forwardedFor: '1.2.3.4', hops: 0 })).toBe('203.0.113.9');
  });

  it('takes the address the trusted proxy saw, not what the client wrote before it', () => {
    expect(clientIp({ remoteAddress: '10.0.0.2', forwardedFor: 'spoofed, 198.51.100.7', hops: 1 })).toBe(
      '198.51.100.7',
    );
    expect(
      clientIp({ remoteAddress: '10.0.0.2', forwardedFor: 'spoofed, 198.51.100.7, 10.0.0.5', hops: 2 }),
    ).toBe('198.51.100.7');
    expect(clientIp({ remoteAddress: '10.0.0.2', forwardedFor: undefined, hops: 1 })).toBe('10.0.0.2');
  });
});
