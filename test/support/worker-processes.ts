import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_APP, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { TEST_ENCRYPTION_KEY, TEST_SESSION_SECRET } from './stack.ts';

const appDirectory = join(import.meta.dirname, '..', '..', 'apps', 'xero-app');
const workerMain = join(appDirectory, 'src', 'worker-main.ts');

/** A worker-only process (apps/xero-app/src/worker-main.ts) on the test's database and Xero sandbox. */
export type WorkerProcess = {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<string>;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, as when a container is killed. */
  kill(): Promise<string>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<string>;
};

export type WorkerSettings = {
  readonly databaseUrl: string;
  readonly xero: XeroSandbox;
  /** Where the workers reach Xero's API, when not straight at the sandbox (a latency proxy). */
  readonly xeroApiUrl?: string;
  /** Documents per Xero call (SYNC_BATCH_SIZE). */
  readonly batchSize?: number;
  /** Length of Xero's rate-limit minute for the app's budget (XERO_MINUTE_MS); match the sandbox's. */
  readonly minuteMs?: number;
  readonly concurrency?: number;
  /** Xero's app-wide minute (XERO_APP_MINUTE_LIMIT); match the sandbox's. */
  readonly appMinuteLimit?: number;
  /** Calls of the app's minute each process takes at once (XERO_APP_BLOCK_CALLS). */
  readonly appBlockCalls?: number;
  /** Tenants each process flushes at once (FLUSH_CONCURRENCY). */
  readonly flushConcurrency?: number;
  /** Xero's calls a day per organisation (XERO_DAILY_LIMIT); match the sandbox's. */
  readonly dailyLimit?: number;
};

/** The environment of a worker child: the env contract of ARCHITECTURE.md, nothing from the test process. */
function workerEnvironment(settings: WorkerSettings): Record<string, string> {
  const inherited: Record<string, string> = {};
  // biome-ignore lint/style/noProcessEnv: child process environment
  const parent = process.env;
  // GLIBC_TUNABLES and MALLOC_ARENA_MAX: the C allocator's settings, as a deployment would give them.
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'GLIBC_TUNABLES', 'MALLOC_ARENA_MAX']) {
    const value = parent[name];
    if (value !== undefined) inherited[name] = value;
  }
  return {
    ...inherited,
    NODE_ENV: 'test',
    DATABASE_URL: settings.databaseUrl,
    XERO_API_URL: settings.xeroApiUrl ?? settings.xero.url,
    XERO_IDENTITY_URL: settings.xero.identityUrl,
    XERO_LOGIN_URL: settings.xero.loginUrl,
    XERO_CLIENT_ID: DEMO_APP.clientId,
    XERO_CLIENT_SECRET: DEMO_APP.clientSecret ?? '',
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    SESSION_SECRET: TEST_SESSION_SECRET,
    LOG_LEVEL: 'warn',
    SHUTDOWN_GRACE_MS: '2000',
    ALLOWED_HTTP_HOSTS: '127.0.0.1',
    ...(settings.batchSize !== undefined ? { SYNC_BATCH_SIZE: String(settings.batchSize) } : {}),
    ...(settings.minuteMs !== undefined ? { XERO_MINUTE_MS: String(settings.minuteMs) } : {}),
    ...(settings.concurrency !== undefined ? { WORKER_CONCURRENCY: String(settings.concurrency) } : {}),
    ...(settings.flushConcurrency !== undefined
      ? { FLUSH_CONCURRENCY: String(settings.flushConcurrency) }
      : {}),
    ...(settings.appMinuteLimit !== undefined
      ? { XERO_APP_MINUTE_LIMIT: String(settings.appMinuteLimit) }
      : {}),
    ...(settings.dailyLimit !== undefined ? { XERO_DAILY_LIMIT: String(settings.dailyLimit) } : {}),
    ...(settings.appBlockCalls !== undefined ? { XERO_APP_BLOCK_CALLS: String(settings.appBlockCalls) } : {}),
  };
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `node worker-main.ts` and resolves once it prints "worker ready". */
export async function startWorkerProcess(
  name: string,
  settings: WorkerSettings,
  options: {
    readyTimeoutMs?: number;
    /** Flags for node itself (a benchmark's `--inspect=127.0.0.1:0`). */
    nodeArgs?: readonly string[];
  } = {},
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), workerMain], {
    cwd: appDirectory,
    env: workerEnvironment(settings),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(signal ?? String(code));
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`worker ${name} not ready after ${options.readyTimeoutMs ?? 30_000} ms:\n${output}`),
        ),
      options.readyTimeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`worker ${name} exited (${how}) before it was ready:\n${output}`));
    });
  });
  const handle: WorkerProcess = {
    name,
    pid: child.pid ?? -1,
    exited,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const how = await exited;
      clearTimeout(timer);
      return how;
    },
  };
  try {
    await ready;
  } catch (error) {
    await handle.kill();
    throw error;
  }
  return handle;
}
