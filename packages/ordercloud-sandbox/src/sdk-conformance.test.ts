import * as sdk from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notModeled } from './api/not-modeled-routes.ts';
import { sandboxDefaults } from './seed.ts';
import { type RunningOrderCloudSandbox, startOrderCloudSandbox } from './server.ts';

// Walks every method of the SDK classes a storefront and its integration use, calls it against the
// sandbox with placeholder arguments, and fails on any call the sandbox has no route for (404 "No
// route", 405), or whose route was mistaken for another (a literal path segment read as an ID).
// Validation errors, 403s and NotFound for the placeholder IDs are expected: the route exists.
// Calls answered by a feature the sandbox does not model (Sandbox.NotModeled, or an empty list for
// it) are listed below, so that adding one is a deliberate change.
const classes = [
  'Me',
  'Cart',
  'Orders',
  'LineItems',
  'Payments',
  'OrderReturns',
  'IntegrationEvents',
  'ApiClients',
  'Products',
  'Specs',
  'PriceSchedules',
  'Catalogs',
  'Buyers',
  'Users',
  'UserGroups',
  'Addresses',
  'Promotions',
  'SecurityProfiles',
  'Shipments',
  'Webhooks',
  'Locales',
] as const;

const placeholder = 'conformance-id';

type Failure = { method: string; status?: number; message: string };
type Outcome = { method: string; status: number | 'ok'; code?: string; path?: string };

type SdkError = {
  status?: number;
  errorCode?: string;
  message?: string;
  errors?: { ErrorCode?: string; Message?: string; Data?: { ObjectType?: string; ObjectID?: string } }[];
  request?: { path?: string };
};

let running: RunningOrderCloudSandbox;
let accessToken: string;

beforeAll(async () => {
  running = await startOrderCloudSandbox({ idSeed: 11 });
  sdk.Configuration.Set({ baseApiUrl: running.url });
  const token = await sdk.Auth.ClientCredentials(
    sandboxDefaults.integrationClientSecret,
    sandboxDefaults.integrationClientId,
  );
  accessToken = token.access_token ?? '';
});

afterAll(async () => {
  await running.close();
});

function argumentsFor(source: string): unknown[] {
  const names = (/^function\s*\(([^)]*)\)/.exec(source)?.[1] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return names.map((name) => {
    if (name === 'direction') return 'Incoming';
    if (name === 'requestOptions') return { accessToken };
    if (name === 'listOptions') return {};
    if (/(ID|Code)$/.test(name)) return placeholder;
    return {};
  });
}

function judge(method: string, error: SdkError): Failure | undefined {
  const first = error.errors?.[0];
  const path = error.request?.path ?? '';
  if (!error.status) return { method, message: error.message ?? 'no HTTP answer' };
  if (error.status === 405 || (error.status === 404 && first?.Data?.ObjectType === 'Route'))
    return { method, status: error.status, message: first?.Message ?? error.message ?? '' };
  const objectId = first?.Data?.ObjectID;
  const segments = path.split('?')[0]?.split('/') ?? [];
  if (error.status === 404 && objectId && objectId !== placeholder && segments.includes(objectId))
    return { method, status: 404, message: `path segment "${objectId}" was read as an ID (${path})` };
  return undefined;
}

async function walk(): Promise<{ failures: Failure[]; outcomes: Outcome[] }> {
  const failures: Failure[] = [];
  const outcomes: Outcome[] = [];
  const api = sdk as unknown as Record<string, object>;
  for (const name of classes) {
    const instance = api[name] as Record<string, unknown>;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const methodName of Object.getOwnPropertyNames(prototype)) {
      const method = prototype[methodName];
      if (methodName === 'constructor' || methodName === 'As' || typeof method !== 'function') continue;
      const label = `${name}.${methodName}`;
      try {
        await (method as (...args: unknown[]) => Promise<unknown>).apply(
          instance,
          argumentsFor(method.toString()),
        );
        outcomes.push({ method: label, status: 'ok' });
      } catch (caught) {
        const error = caught as SdkError;
        const failure = judge(label, error);
        if (failure) failures.push(failure);
        outcomes.push({
          method: label,
          status: error.status ?? 0,
          code: error.errors?.[0]?.ErrorCode,
          path: error.request?.path,
        });
      }
    }
  }
  return { failures, outcomes };
}

describe('SDK conformance', () => {
  it('serves every route of the SDK classes a storefront and its integration call', async () => {
    const { failures, outcomes } = await walk();
    expect(failures).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(300);

    const notModeledCalls = outcomes
      .filter((o) => o.code === 'Sandbox.NotModeled')
      .map((o) => o.method)
      .sort();
    expect(notModeledCalls).toEqual(
      [
        'Me.CreateGroupOrderInvitation',
        'Me.CreateProductCollection',
        'Me.CreateProductCollectionEntry',
        'Me.CreateProductCollectionInvitation',
        'Me.CreateSubscription',
        'Me.CreateSubscriptionBundleItem',
        'Me.CreateSubscriptionItem',
        'Me.DeleteGroupOrderInvitation',
        'Me.DeleteProductCollection',
        'Me.DeleteProductCollectionEntry',
        'Me.DeleteProductCollectionInvitation',
        'Me.DeleteSubscription',
        'Me.DeleteSubscriptionBundleItem',
        'Me.DeleteSubscriptionItem',
        'Me.PatchGroupOrderInvitation',
        'Me.PatchProductCollection',
        'Me.PatchProductCollectionInvitation',
        'Me.PatchSubscription',
        'Me.PatchSubscriptionItem',
        'Me.ResetPasswordByToken',
        'Me.SaveProductCollection',
        'Me.SaveProductCollectionEntry',
        'Me.SaveSubscription',
        'Me.SaveSubscriptionItem',
        'Me.AcceptProductCollectionInvitation',
        'Me.DeclineProductCollectionInvitation',
        'ApiClients.CreateSecret',
        'ApiClients.DeleteSecret',
        'ApiClients.PatchSecret',
      ].sort(),
    );
    // Every not-modeled route is one the README names, by feature.
    expect(new Set(notModeled.map((n) => n.feature))).toEqual(
      new Set([
        'Subscriptions',
        'Product collections',
        'Group order invitations',
        'API client secrets',
        'Password reset by verification code',
      ]),
    );
  });

  it('signs in through every Auth flow the SDK offers', async () => {
    const admin = await sdk.Auth.ClientCredentials(
      sandboxDefaults.integrationClientSecret,
      sandboxDefaults.integrationClientId,
    );
    expect(admin.access_token).toBeTruthy();
    const elevated = await sdk.Auth.ElevatedLogin(
      sandboxDefaults.integrationClientSecret,
      sandboxDefaults.integrationUsername,
      'integration-admin-Passw0rd',
      sandboxDefaults.integrationClientId,
    );
    expect(elevated.access_token).toBeTruthy();
    const anonymous = await sdk.Auth.Anonymous(sandboxDefaults.storefrontClientId);
    expect(anonymous.access_token).toBeTruthy();
    const login = await sdk.Auth.Login(
      sandboxDefaults.integrationUsername,
      'integration-admin-Passw0rd',
      sandboxDefaults.integrationClientId,
    );
    expect(login.access_token).toBeTruthy();
    await expect(
      sdk.Auth.RefreshToken('not-a-refresh-token', sandboxDefaults.storefrontClientId),
    ).rejects.toMatchObject({
      status: 400,
    });
  });
});
