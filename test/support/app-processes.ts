import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const appDirectory = join(import.meta.dirname, '..', '..', 'apps', 'xero-app');

/** `pnpm start` (server and worker) or a worker alone, as a child process that can be SIGKILLed. */
export type AppProcess = {
  readonly name: string;
  readonly role: 'app' | 'worker';
  child: ChildProcess | undefined;
  output: string;
  starts: number;
};

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function inheritedEnvironment(): Record<string, string> {
  const inherited: Record<string, string> = {};
  // biome-ignore lint/style/noProcessEnv: child process environment
  const parent = process.env;
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = parent[name];
    if (value !== undefined) inherited[name] = value;
  }
  return inherited;
}

/** Starts (or restarts) the process and resolves once it says it is up. */
export async function startAppProcess(
  proc: AppProcess,
  env: Record<string, string>,
  readyTimeoutMs = 90_000,
): Promise<void> {
  const script = join(appDirectory, 'src', proc.role === 'app' ? 'main.ts' : 'worker-main.ts');
  const child = spawn(process.execPath, [script], {
    cwd: appDirectory,
    env: { ...inheritedEnvironment(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  proc.child = child;
  proc.starts += 1;
  const marker = proc.role === 'app' ? 'Ledgerbridge is up' : 'worker ready';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`${proc.name} not up after ${readyTimeoutMs} ms:\n${proc.output.slice(-3_000)}`)),
      readyTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      proc.output = (proc.output + chunk.toString()).slice(-50_000);
      if (proc.output.includes(marker) && child.exitCode === null) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.output = '';
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`${proc.name} exited (${signal ?? code}) before it was up:\n${proc.output.slice(-3_000)}`),
      );
    });
  });
}

export function isRunning(proc: AppProcess): boolean {
  return proc.child !== undefined && proc.child.exitCode === null && proc.child.signalCode === null;
}

export async function killHard(proc: AppProcess): Promise<void> {
  const child = proc.child;
  if (!child || !isRunning(proc)) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

export async function stopGently(proc: AppProcess, graceMs = 10_000): Promise<void> {
  const child = proc.child;
  if (!child || !isRunning(proc)) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
