import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

// The Sitecore extension (a Next.js JSS head) for browser tests: built once (CI's `next build`, or here
// when the build is missing or older than the sources), then served by `next start` per test file with
// that file's environment. Server-side env is read at request time, so one build serves every test.

const appDir = new URL('../../apps/sitecore-extension/', import.meta.url).pathname;
const nextBin = join(appDir, 'node_modules/next/dist/bin/next');
const lockDir = join(appDir, '.next-build-lock');
// biome-ignore lint/style/noProcessEnv: the child processes (next build, next start) need PATH and HOME
const parentEnv = process.env;

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(path) : stat.mtimeMs);
  }
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = join(appDir, '.next/BUILD_ID');
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  const sources = Math.max(
    newestSource(join(appDir, 'src')),
    statSync(join(appDir, 'next.config.ts')).mtimeMs,
    statSync(join(appDir, 'package.json')).mtimeMs,
  );
  return built >= sources;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], {
      cwd: appDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`next ${args.join(' ')} failed (${code}):\n${output.slice(-4000)}`)),
    );
  });
}

/** Builds the head unless a current build exists; parallel test files wait for one build. */
export async function ensureHeadBuilt(): Promise<void> {
  for (;;) {
    if (buildIsCurrent()) return;
    try {
      await mkdir(lockDir);
    } catch {
      // Another test file is building: wait for it (a lock older than 10 minutes is abandoned).
      if (Date.now() - statSync(lockDir).mtimeMs > 600_000) await rmdir(lockDir).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1_000));
      continue;
    }
    try {
      if (!buildIsCurrent()) await run(['build'], { ...parentEnv, NEXT_TELEMETRY_DISABLED: '1' });
    } finally {
      await rmdir(lockDir).catch(() => undefined);
    }
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export type RunningHead = { readonly url: string; close(): Promise<void> };

export async function startHead(env: Record<string, string>): Promise<RunningHead> {
  await ensureHeadBuilt();
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: appDir,
      env: { ...parentEnv, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    const ok = await fetch(`${url}/admin/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`next start did not answer:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
