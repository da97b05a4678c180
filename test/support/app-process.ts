import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const appDirectory = join(import.meta.dirname, '..', '..', 'apps', 'xero-app');
const appMain = join(appDirectory, 'src', 'main.ts');

/** `pnpm start` in a child process: server and worker in one, configured only by its environment. */
export type AppProcess = {
  readonly url: string;
  readonly exited: Promise<string>;
  output(): string;
  kill(): Promise<string>;
  stop(graceMs?: number): Promise<string>;
};

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `node src/main.ts` (what `pnpm start` runs) and resolves once `/healthz` answers 200. */
export async function startAppProcess(input: {
  env: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<AppProcess> {
  const port = input.env.PORT ?? String(await freePort());
  const inherited: Record<string, string> = {};
  // biome-ignore lint/style/noProcessEnv: a child process inherits only what a shell would give it
  const parent = process.env;
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = parent[name];
    if (value !== undefined) inherited[name] = value;
  }
  const child = spawn(process.execPath, [appMain], {
    cwd: appDirectory,
    env: { ...inherited, ...input.env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(signal ?? String(code));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const handle: AppProcess = {
    url,
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
  const deadline = Date.now() + (input.readyTimeoutMs ?? 120_000);
  let gone: string | undefined;
  void exited.then((how) => {
    gone = how;
  });
  for (;;) {
    if (gone !== undefined) throw new Error(`the app exited (${gone}) before it was up:\n${output}`);
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return handle;
    if (Date.now() > deadline) {
      await handle.kill();
      throw new Error(
        `the app did not answer /healthz within ${input.readyTimeoutMs ?? 120_000} ms:\n${output}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
