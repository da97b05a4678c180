import { timingSafeEqual } from 'node:crypto';
import type { SandboxApp } from '../sandbox-options.ts';

export type AppRegistry = {
  list(): SandboxApp[];
  get(clientId: string | undefined): SandboxApp | undefined;
  upsert(app: SandboxApp): SandboxApp;
};

export function createAppRegistry(initial: readonly SandboxApp[]): AppRegistry {
  const apps = new Map(initial.map((app) => [app.clientId, { ...app }]));
  return {
    list: () => [...apps.values()],
    get: (clientId) => (clientId === undefined ? undefined : apps.get(clientId)),
    upsert(app) {
      const merged = { ...apps.get(app.clientId), ...app };
      apps.set(app.clientId, merged);
      return merged;
    },
  };
}

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

export function redirectUriAllowed(app: SandboxApp, redirectUri: string): boolean {
  return app.redirectUris.some((pattern) =>
    pattern.includes('*') ? patternToRegExp(pattern).test(redirectUri) : pattern === redirectUri,
  );
}

export function secretMatches(app: SandboxApp, secret: string | undefined): boolean {
  if (app.clientSecret === undefined || secret === undefined) return false;
  const a = Buffer.from(app.clientSecret);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
