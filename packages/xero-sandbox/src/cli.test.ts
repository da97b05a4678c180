import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.ts';

describe('cli', () => {
  it('parses limits and flags from argv', () => {
    const parsed = parseCliArgs([
      '--',
      '--port',
      '0',
      '--minute-ms',
      '1000',
      '--minute-limit',
      '30',
      '--demo',
      '--contract-strict',
    ]);
    expect(parsed.options).toMatchObject({
      port: 0,
      minuteMs: 1000,
      limits: { minute: 30 },
      autoConsent: true,
      contractCheck: 'strict',
    });
    expect(() => parseCliArgs(['--day-limit', 'lots'])).toThrow(/day-limit/);
  });

  it('prints its base URL, serves, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [new URL('./cli.ts', import.meta.url).pathname, '--port', '0', '--demo'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /xero-sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${output}`)));
    });
    const state = (await (await fetch(`${url}/__admin/state`)).json()) as { orgs: unknown[] };
    expect(state.orgs.length).toBeGreaterThanOrEqual(6);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
