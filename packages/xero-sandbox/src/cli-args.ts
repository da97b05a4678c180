import { parseArgs } from 'node:util';
import type { XeroSandboxOptions } from './sandbox-options.ts';

export const USAGE = `Usage: xero-sandbox [--port N] [--host H] [--minute-ms N] [--minute-limit N] [--day-limit N]
  [--starter-day-limit N] [--concurrent-limit N] [--app-minute-limit N] [--demo] [--contract-check] [--contract-strict]
  [--webhook-url URL] [--redirect-uri URI]... [--seed TEXT]`;

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return number;
}

export type CliOptions = {
  options: XeroSandboxOptions;
  webhookUrl?: string;
  redirectUris: string[];
  help: boolean;
};

// The sandbox reads configuration from argv only, never the environment.
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'minute-ms': { type: 'string' },
      'minute-limit': { type: 'string' },
      'day-limit': { type: 'string' },
      'starter-day-limit': { type: 'string' },
      'concurrent-limit': { type: 'string' },
      'app-minute-limit': { type: 'string' },
      demo: { type: 'boolean', default: false },
      'contract-check': { type: 'boolean', default: false },
      'contract-strict': { type: 'boolean', default: false },
      'webhook-url': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const limits = {
    minute: positiveInteger('minute-limit', values['minute-limit']),
    day: positiveInteger('day-limit', values['day-limit']),
    starterDay: positiveInteger('starter-day-limit', values['starter-day-limit']),
    concurrent: positiveInteger('concurrent-limit', values['concurrent-limit']),
    appMinute: positiveInteger('app-minute-limit', values['app-minute-limit']),
  };
  return {
    options: {
      port: positiveInteger('port', values.port) ?? 4010,
      host: values.host,
      minuteMs: positiveInteger('minute-ms', values['minute-ms']),
      limits: Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)),
      autoConsent: values.demo,
      contractCheck: values['contract-strict'] ? 'strict' : values['contract-check'] ? 'record' : 'off',
      seed: values.seed,
    },
    webhookUrl: values['webhook-url'],
    redirectUris: values['redirect-uri'] ?? [],
    help: values.help,
  };
}
