import { describe, expect, it } from 'vitest';
import { integratorLine, parseDemoArgs } from './demo-integrator.ts';

describe('demo options', () => {
  it('reads the integrator flags, as pnpm passes them (with or without --, = or space)', () => {
    expect(parseDemoArgs(['--', '--orders', '0', '--orgs', 'au,nz,UK,us', '--json'])).toEqual({
      orders: 0,
      orgs: ['au', 'nz', 'uk', 'us'],
      json: true,
    });
    expect(parseDemoArgs(['--orders=25'])).toEqual({ orders: 25, orgs: ['au'], json: false });
    expect(parseDemoArgs([])).toEqual({ orders: undefined, orgs: ['au'], json: false });
  });

  it('refuses what it cannot honour, naming it', () => {
    expect(() => parseDemoArgs(['--orgs', 'au,fr'])).toThrow(/not fr/);
    expect(() => parseDemoArgs(['--orders', '-1'])).toThrow(/whole number/);
    expect(() => parseDemoArgs(['--orders'])).toThrow(/needs a value/);
    expect(() => parseDemoArgs(['--verbose'])).toThrow(/unknown option --verbose/);
  });

  it('prints one JSON line', () => {
    const line = integratorLine({
      ordercloud: {
        url: 'http://127.0.0.1:4010',
        adminClient: {
          id: 'integrator-admin',
          secret: 's',
          roles: ['FullAccess', 'OverrideShipping', 'OverrideTax'],
        },
        buyerClientId: 'storefront',
      },
      xero: { url: 'http://127.0.0.1:4020', readOnlyAccessToken: 't', tenants: { au: 'a' } },
      appUrl: 'http://127.0.0.1:3000',
    });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line).ordercloud.adminClient.roles).toContain('OverrideTax');
  });
});

describe('demo sandbox ports', () => {
  it('takes --xero-port and --ordercloud-port, refusing what is not a port', () => {
    expect(parseDemoArgs(['--xero-port', '5001', '--ordercloud-port=5002'])).toMatchObject({
      xeroPort: 5001,
      orderCloudPort: 5002,
    });
    expect(() => parseDemoArgs(['--xero-port', '70000'])).toThrow(/port number/);
    expect(() => parseDemoArgs(['--ordercloud-port', 'x'])).toThrow(/port number/);
  });
});
