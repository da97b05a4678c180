import { describe, expect, it } from 'vitest';
import { EnvError, loadConfig } from './env.ts';

describe('loadConfig', () => {
  it('defaults to the real Xero and OrderCloud endpoints and the embedded database', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.XERO_API_URL).toBe('https://api.xero.com');
    expect(config.XERO_IDENTITY_URL).toBe('https://identity.xero.com');
    expect(config.XERO_LOGIN_URL).toBe('https://login.xero.com');
    expect(config.ORDERCLOUD_API_URL).toBe('https://api.ordercloud.io');
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.generatedSecrets).toEqual(['ENCRYPTION_KEY', 'SESSION_SECRET']);
  });

  it('points every endpoint where it is told', () => {
    const config = loadConfig({
      XERO_API_URL: 'http://127.0.0.1:9000',
      PORT: '8080',
      XERO_DAILY_LIMIT: '1000',
    });
    expect(config.XERO_API_URL).toBe('http://127.0.0.1:9000');
    expect(config.PORT).toBe(8080);
    expect(config.XERO_DAILY_LIMIT).toBe(1000);
  });

  it('reads the hardening settings, with safe defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.ALLOWED_HTTP_HOSTS).toEqual([]);
    expect(defaults.RETENTION_DAYS).toBe(30);
    expect(defaults.STATUS_LINK_DAYS).toBe(90);
    expect(defaults.TRUSTED_PROXY_HOPS).toBe(0);
    expect(defaults.RATE_LIMIT_SCALE).toBe(1);
    const set = loadConfig({ ALLOWED_HTTP_HOSTS: '127.0.0.1, sandbox.local', RETENTION_DAYS: '7' });
    expect(set.ALLOWED_HTTP_HOSTS).toEqual(['127.0.0.1', 'sandbox.local']);
    expect(set.RETENTION_DAYS).toBe(7);
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
  });

  it('names each invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });

  it('refuses to invent secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(EnvError);
  });

  it('takes an SMTP URL for alert e-mails, off by default', () => {
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.com:465' }).SMTP_URL).toBe(
      'smtps://u:p@mail.example.com:465',
    );
    expect(() => loadConfig({ SMTP_URL: 'https://mail.example.com' })).toThrow(/SMTP_URL/);
  });
});
