// Enforces the dependency directions of ARCHITECTURE.md on import statements.
// Biome cannot express "this folder may import only these packages", so this does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

type Rule = {
  readonly files: RegExp;
  readonly allowed?: RegExp;
  readonly forbidden?: RegExp;
  readonly why: string;
};

const vendorSdks = /^(xero-node|ordercloud-javascript-sdk)(\/|$)/;
const isTest = /(\.test\.ts|\/testing\/.*\.ts)$/;
const useCaseFolders =
  /^apps\/xero-app\/src\/(http|auth|connections|console|intake|storefront|xero-webhooks|sync|mapping|timeline|rate-budget|queue)\/(?!.*(\.test\.ts$|\/testing\/))/;

const rules: readonly Rule[] = [
  {
    files: /^packages\/canonical\/src\//,
    allowed: /^(zod|node:.*|\.{1,2}\/.*|vitest|fast-check)$/,
    why: 'canonical imports nothing internal and only zod',
  },
  {
    files: /^(packages\/(canonical|xero-sandbox|ordercloud-sandbox)|apps)\/(?!.*\.test\.ts$)/,
    forbidden: vendorSdks,
    why: 'vendor SDKs only in their adapter packages (packages/xero, packages/ordercloud)',
  },
  {
    files: /^packages\/(xero|ordercloud)\/src\//,
    forbidden: /^@ledgerbridge\/(?!canonical$|xero-sandbox$|ordercloud-sandbox$)/,
    why: 'adapters import only canonical (and their sandbox in tests)',
  },
  {
    files: /^packages\/(xero-sandbox|ordercloud-sandbox)\/src\//,
    forbidden: /^@ledgerbridge\/(?!canonical$)/,
    why: 'sandboxes stand alone (canonical money helpers allowed)',
  },
  {
    files: /^apps\/sitecore-extension\//,
    forbidden: /^@ledgerbridge\/(?!canonical$)/,
    why: 'the Sitecore extension imports only canonical',
  },
  {
    files: /^apps\/xero-app\/src\/(?!(server|worker|main|demo)\.ts$)/,
    forbidden: /^@ledgerbridge\/(xero|ordercloud)(-sandbox)?$/,
    why: 'only composition roots (server.ts, worker.ts) build adapters; use cases take ports',
  },
  {
    // Every folder holding routes or use cases: they get the database as a typed parameter (or a
    // repository), never by importing the database module, its migrations or its dialect.
    files: useCaseFolders,
    forbidden: /(^|\/)db\/(?!schema\.ts$)/,
    why: 'routes and use cases never import the database; the composition root passes it in',
  },
  {
    files: /^(test|packages|apps\/(?!xero-app\/))\//,
    forbidden: /(^|\/)apps\/xero-app\/src\//,
    why: "outside the app, use its package exports ('@ledgerbridge/xero-app', '@ledgerbridge/xero-app/testing')",
  },
];

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name)) yield path;
  }
}

const importPattern =
  /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
const root = new URL('..', import.meta.url).pathname;
const violations: string[] = [];
for (const top of ['packages', 'apps', 'test']) {
  for (const file of sourceFiles(join(root, top))) {
    const path = relative(root, file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const typeOnly = Boolean(match[2]);
      const specifier = match[3] ?? match[4] ?? '';
      for (const rule of rules) {
        if (!rule.files.test(path)) continue;
        if (rule.files === useCaseFolders && typeOnly) continue;
        const broken =
          (rule.allowed && !rule.allowed.test(specifier)) ||
          (rule.forbidden?.test(specifier) && !(isTest.test(path) && rule.forbidden === vendorSdks));
        if (broken) violations.push(`${path}: imports '${specifier}': ${rule.why}`);
      }
    }
  }
}
if (violations.length > 0) {
  console.error(`Dependency boundaries broken:\n${violations.join('\n')}`);
  process.exit(1);
}
console.log('boundaries: ok');
