import { describe, expect, it } from 'vitest';
import { consoleUrlOf, demoUrlBlock } from './demo-urls.ts';

const urls = {
  publicUrl: 'http://127.0.0.1:4000',
  listenUrl: 'http://localhost:4000',
  port: 4000,
  storefrontUrl: 'http://localhost:4100',
  storefrontPassword: 'pw',
  xeroOrgUrl: 'http://127.0.0.1:5001/orgs/t',
  orderCloudUrl: 'http://127.0.0.1:5002',
  generator: true,
};

describe('demo URLs', () => {
  it('prints the console under PUBLIC_URL, where sign-in works, not under the listening host', () => {
    expect(consoleUrlOf(urls)).toBe('http://127.0.0.1:4000');
    expect(consoleUrlOf({ ...urls, publicUrl: 'https://demo.example.com/' })).toBe(
      'https://demo.example.com',
    );
  });

  it('falls back to the listening URL only for the default PUBLIC_URL of a random port', () => {
    expect(
      consoleUrlOf({ publicUrl: 'http://localhost:0', listenUrl: 'http://localhost:41234', port: 0 }),
    ).toBe('http://localhost:41234');
  });

  it('lists the console, sandboxes and health under the heading', () => {
    const block = demoUrlBlock(urls, 'Ledgerbridge demo is running');
    expect(block).toContain('Ledgerbridge demo is running');
    expect(block).toContain('console:        http://127.0.0.1:4000/console');
    expect(block).toContain('health:         http://127.0.0.1:4000/healthz');
    expect(block).toContain('Xero sandbox:   http://127.0.0.1:5001/orgs/t');
    expect(demoUrlBlock({ ...urls, generator: false }, 'x')).toContain('no order generator');
  });
});
