import type { Db } from './db/database.ts';
import { addRoutingRule, listRoutingRules } from './routing/routing-repo.ts';

// `pnpm demo -- --orders 0 --orgs au,nz,uk,us --json`: the demo stack for integrators testing their
// own storefront. These helpers stay free of the sandboxes (demo.ts, the composition root, has them).

export const demoOrgKeys = ['au', 'nz', 'uk', 'us'] as const;
export type DemoOrgKey = (typeof demoOrgKeys)[number];

export type DemoOptions = {
  /** Orders the generator places; undefined keeps it running, 0 switches it off. */
  readonly orders: number | undefined;
  readonly orgs: readonly DemoOrgKey[];
  readonly json: boolean;
  /** Fixed ports for the sandboxes (`--xero-port`, `--ordercloud-port`); a free one when unset. */
  readonly xeroPort?: number | undefined;
  readonly orderCloudPort?: number | undefined;
};

/** The billing country each company's customers have (Xero calls the UK org "uk"; ISO says GB). */
export const billingCountryOf: Record<DemoOrgKey, string> = { au: 'AU', nz: 'NZ', uk: 'GB', us: 'US' };

export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  let orders: number | undefined;
  let orgs: DemoOrgKey[] = ['au'];
  let json = false;
  const ports: { xeroPort?: number; orderCloudPort?: number } = {};
  const portOf = (flag: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 65535)
      throw new Error(`${flag} takes a port number, 1 to 65535`);
    return n;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--') continue;
    if (flag === '--json') json = true;
    else if (flag === '--orders') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0)
        throw new Error('--orders takes a whole number (0 turns the generator off)');
      orders = n;
    } else if (flag === '--orgs') {
      const keys = value()
        .split(',')
        .map((k) => k.trim().toLowerCase())
        .filter(Boolean);
      const unknown = keys.filter((k) => !(demoOrgKeys as readonly string[]).includes(k));
      if (unknown.length > 0 || keys.length === 0)
        throw new Error(
          `--orgs takes a list of ${demoOrgKeys.join(', ')}; not ${unknown.join(', ') || 'empty'}`,
        );
      orgs = [...new Set(keys as DemoOrgKey[])];
    } else if (flag === '--xero-port') ports.xeroPort = portOf(flag, value());
    else if (flag === '--ordercloud-port') ports.orderCloudPort = portOf(flag, value());
    else
      throw new Error(
        `unknown option ${arg}; use --orders N, --orgs au,nz,uk,us, --json, --xero-port N, --ordercloud-port N`,
      );
  }
  return { orders, orgs, json, ...ports };
}

/** One routing rule per company, by the buyer's billing country (skipped when rules exist). */
export async function routeByBillingCountry(
  db: Db,
  input: {
    workspaceId: string;
    environmentId: string;
    tenants: Readonly<Partial<Record<DemoOrgKey, string>>>;
  },
): Promise<void> {
  if ((await listRoutingRules(db, input.environmentId)).length > 0) return;
  for (const key of demoOrgKeys) {
    const tenantId = input.tenants[key];
    if (!tenantId) continue;
    const connection = await db
      .selectFrom('xero_connections')
      .select(['id', 'tenant_name'])
      .where('workspace_id', '=', input.workspaceId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    await addRoutingRule(db, {
      workspaceId: input.workspaceId,
      actor: 'demo',
      environmentId: input.environmentId,
      name: `${connection.tenant_name} (billing country ${billingCountryOf[key]})`,
      kind: 'billing-country',
      value: billingCountryOf[key],
      xeroConnectionId: connection.id,
    });
  }
}

export type IntegratorAccess = {
  readonly ordercloud: {
    readonly url: string;
    readonly adminClient: { readonly id: string; readonly secret: string; readonly roles: readonly string[] };
    readonly buyerClientId: string;
  };
  readonly xero: {
    readonly url: string;
    readonly readOnlyAccessToken: string;
    readonly tenants: Readonly<Partial<Record<DemoOrgKey, string>>>;
  };
  readonly appUrl: string;
};

/** The one line `--json` prints. */
export function integratorLine(access: IntegratorAccess): string {
  return JSON.stringify(access);
}
