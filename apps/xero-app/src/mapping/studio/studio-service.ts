import type { Order, ReferenceData, Result, SourceField, ValueProfile } from '@ledgerbridge/canonical';
import { type ContactPreview, previewContact } from '../contact-shape.ts';
import { defaultMapping } from '../default-mapping.ts';
import type { MappingConfig } from '../mapping-config.ts';
import { type PrepareResult, prepareInvoice } from '../prepare-invoice.ts';
import { diffConfigs } from './config-diff.ts';
import {
  type Decoded,
  type FieldError,
  type FormFields,
  decodeMappingForm,
  parseMapping,
} from './form-codec.ts';
import {
  decodeRoutingForm,
  type RoutingRow,
  type RoutingSnapshot,
  routingFingerprint,
  routingForDiff,
  routingSnapshot,
} from './routing-codec.ts';
import type { RoutingRule } from '../../routing/routing-rule.ts';
import { suggestAccounts } from '../suggest/account-suggestions.ts';
import type { ExplanationPhraser } from '../suggest/explanation-phraser.ts';
import { observeOrders } from '../suggest/observe-orders.ts';
import type { Suggestion } from '../suggest/suggestion.ts';
import { type SourcePathCandidate, suggestSourcePaths } from '../suggest/source-path-suggestions.ts';
import { suggestTaxTypes } from '../suggest/tax-type-suggestions.ts';
import { dryRun, type Missing, translate } from './promotion.ts';
import { sampleOrder } from './sample-order.ts';
import type { RecentOrder, StudioOrdersRepo } from './studio-orders-repo.ts';
import type { EnvironmentBinding, StoredVersion, VersionsRepo } from './versions-repo.ts';

export type StudioPorts = {
  readonly versions: VersionsRepo;
  readonly orders: StudioOrdersRepo;
  /** The org's reference data through the reference cache; `force` refreshes it (one Xero call). */
  readonly reference?: (input: {
    workspaceId: string;
    tenantId: string;
    force: boolean;
  }) => Promise<Result<ReferenceData>>;
  /** Optional rephrasing of suggestion explanations (an LLM); the computed sentence otherwise. */
  readonly phraser?: ExplanationPhraser;
  /** An order as the commerce platform has it now. */
  readonly getOrder?: (input: { connectionId: string; orderId: string }) => Promise<Result<Order>>;
  /** Value profiles of the merchant's fields on these orders (their lines, products, buyers). */
  readonly profileSources?: (input: {
    connectionId: string;
    orderIds: readonly string[];
  }) => Promise<Result<ValueProfile[]>>;
};

/** Where the designer's source path suggestions come from, and what they are. */
export type SourceProfiles = {
  readonly orders: number;
  readonly profiles: readonly ValueProfile[];
  readonly candidates: Record<SourceField, SourcePathCandidate[]>;
  readonly problem?: string;
};

export type StudioState = {
  readonly environment: EnvironmentBinding;
  readonly environments: readonly EnvironmentBinding[];
  readonly pinned: StoredVersion | undefined;
  /** The mapping the designer opens with: the pinned version, else one generated from the org. */
  readonly draft: MappingConfig | undefined;
  readonly reference: ReferenceData | undefined;
  readonly referenceAt: Date | undefined;
  readonly referenceProblem: string | undefined;
  readonly recentOrders: readonly RecentOrder[];
  /** The environment's routing rules (in order) and the organisations a rule may send orders to. */
  readonly routing: readonly RoutingRule[];
  readonly organisations: ReadonlyArray<{ id: string; name: string }>;
  /** Only when asked for (it reads recent orders from the marketplace). */
  readonly sourceProfiles?: SourceProfiles | undefined;
};

export type Preview = {
  readonly order: Order;
  readonly sample: boolean;
  /** The Xero contact as the draft and the pinned mapping would shape it. */
  readonly contact: { readonly draft: ContactPreview; readonly pinned: ContactPreview | undefined };
  readonly draft: PrepareResult;
  readonly pinned: PrepareResult | undefined;
};

type Actor = { workspaceId: string; actor: string };

const notFound = (message: string) =>
  ({ ok: false, error: { kind: 'permanent', code: 'not-found', message } }) as const;

export type PromotionOutcome =
  | { readonly kind: 'promoted'; readonly version: number; readonly translated: number }
  | {
      readonly kind: 'refused';
      readonly version: StoredVersion;
      readonly target: EnvironmentBinding;
      readonly missing: readonly Missing[];
      readonly translations: ReadonlyMap<string, string>;
    };

/** The mapping studio's use cases: read, preview, save, restore; versions live in the versions repo. */
export function createMappingStudio(ports: StudioPorts) {
  async function referenceFor(
    workspaceId: string,
    env: EnvironmentBinding,
    force = false,
  ): Promise<{ data?: ReferenceData; at?: Date; problem?: string }> {
    if (!env.tenantId) return { problem: `No Xero organisation is bound to ${env.name}.` };
    if (ports.reference) {
      const fetched = await ports.reference({ workspaceId, tenantId: env.tenantId, force });
      if (fetched.ok) {
        const cached = await ports.orders.cachedReference(env.tenantId);
        return { data: fetched.value, at: cached?.fetchedAt ?? new Date() };
      }
      if (force) return { problem: `Xero did not answer: ${fetched.error.message}` };
    }
    const cached = await ports.orders.cachedReference(env.tenantId);
    return cached
      ? { data: cached.data as ReferenceData, at: cached.fetchedAt }
      : {
          problem: `${env.tenantName ?? 'The organisation'}'s accounts and tax rates have not been read yet.`,
        };
  }

  async function environment(workspaceId: string, name: string) {
    const environments = await ports.versions.environments(workspaceId);
    return { environments, env: environments.find((e) => e.name === name) };
  }

  /** Value profiles of the environment's recent orders (the ten newest), read as the sync reads them. */
  async function sourceProfiles(
    env: EnvironmentBinding,
    recent: readonly RecentOrder[],
  ): Promise<SourceProfiles | undefined> {
    if (!env.ordercloudConnectionId || !ports.profileSources) return undefined;
    const orderIds = recent.slice(0, 10).map((o) => o.orderId);
    if (orderIds.length === 0)
      return { orders: 0, profiles: [], candidates: suggestSourcePaths([]), problem: 'No orders yet.' };
    const profiled = await ports.profileSources({ connectionId: env.ordercloudConnectionId, orderIds });
    if (!profiled.ok)
      return {
        orders: 0,
        profiles: [],
        candidates: suggestSourcePaths([]),
        problem: `The marketplace did not answer: ${profiled.error.message}`,
      };
    return {
      orders: orderIds.length,
      profiles: profiled.value,
      candidates: suggestSourcePaths(profiled.value),
    };
  }

  return {
    async load(
      workspaceId: string,
      name: string,
      options: { profiles?: boolean } = {},
    ): Promise<StudioState | undefined> {
      const { environments, env } = await environment(workspaceId, name);
      if (!env) return undefined;
      const pinned = env.mappingVersionId
        ? await ports.versions.byId(workspaceId, env.mappingVersionId)
        : undefined;
      const reference = await referenceFor(workspaceId, env);
      const recentOrders = env.ordercloudConnectionId
        ? await ports.orders.recent(workspaceId, env.ordercloudConnectionId)
        : [];
      const [routing, organisations] = await Promise.all([
        ports.versions.routing(env.id),
        ports.versions.organisations(workspaceId),
      ]);
      return {
        routing,
        organisations,
        environment: env,
        environments,
        pinned,
        draft: pinned?.config ?? (reference.data ? defaultMapping(reference.data) : undefined),
        reference: reference.data,
        referenceAt: reference.at,
        referenceProblem: reference.problem,
        recentOrders,
        ...(options.profiles ? { sourceProfiles: await sourceProfiles(env, recentOrders) } : {}),
      };
    },

    /** One Xero call for the org's accounts, tax rates, tracking, currencies. */
    async refreshReference(workspaceId: string, name: string): Promise<Result<void>> {
      const { env } = await environment(workspaceId, name);
      if (!env)
        return {
          ok: false,
          error: { kind: 'permanent', code: 'not-found', message: 'No such environment.' },
        };
      const refreshed = await referenceFor(workspaceId, env, true);
      return refreshed.problem
        ? { ok: false, error: { kind: 'permanent', code: 'reference', message: refreshed.problem } }
        : { ok: true, value: undefined };
    },

    /**
     * The designer's form → the mapping and, when the form carries them, the routing rules; every error
     * of both, each naming its field.
     */
    decode(
      form: FormFields,
      base: MappingConfig,
      organisations: ReadonlyArray<{ id: string; name: string }>,
    ): Decoded & { routing?: RoutingRow[]; routingErrors?: FieldError[] } {
      const decoded = decodeMappingForm(form, base);
      if (!('routing.kind' in form)) return decoded;
      const routing = decodeRoutingForm(form, organisations);
      if (routing.ok) return { ...decoded, routing: routing.rows };
      return decoded.ok
        ? { ok: false, errors: routing.errors, draft: decoded.config, routingErrors: routing.errors }
        : { ...decoded, errors: [...decoded.errors, ...routing.errors], routingErrors: routing.errors };
    },

    /** The exact Xero documents the draft and the pinned mapping make of one order; nothing is sent. */
    async preview(
      workspaceId: string,
      name: string,
      draft: MappingConfig,
      orderId: string | undefined,
    ): Promise<Result<Preview>> {
      const { env } = await environment(workspaceId, name);
      if (!env)
        return {
          ok: false,
          error: { kind: 'permanent', code: 'not-found', message: 'No such environment.' },
        };
      const reference = await referenceFor(workspaceId, env);
      if (!reference.data)
        return {
          ok: false,
          error: { kind: 'permanent', code: 'reference', message: reference.problem ?? '' },
        };
      let order: Order;
      let sample = false;
      if (orderId && env.ordercloudConnectionId && ports.getOrder) {
        const fetched = await ports.getOrder({ connectionId: env.ordercloudConnectionId, orderId });
        if (!fetched.ok) return fetched;
        order = fetched.value;
      } else {
        order = sampleOrder(reference.data, draft);
        sample = true;
      }
      const pinned = env.mappingVersionId
        ? await ports.versions.byId(workspaceId, env.mappingVersionId)
        : undefined;
      const recentTotals = env.ordercloudConnectionId
        ? await ports.orders.totals(workspaceId, env.ordercloudConnectionId, order.currency)
        : [];
      const [draftResult, pinnedResult] = await Promise.all([
        prepareInvoice({ order, mapping: draft, reference: reference.data, recentTotals }),
        pinned
          ? prepareInvoice({ order, mapping: pinned.config, reference: reference.data, recentTotals })
          : undefined,
      ]);
      const contact = {
        draft: previewContact(order.customer, draft.contacts),
        pinned: pinned ? previewContact(order.customer, pinned.config.contacts) : undefined,
      };
      return { ok: true, value: { order, sample, contact, draft: draftResult, pinned: pinnedResult } };
    },

    /** Saves the draft as a new immutable version and makes the environment use it. */
    async save(
      who: Actor,
      name: string,
      input: {
        config: MappingConfig;
        note: string;
        parentId: string | null;
        action?: string;
        /** The environment's routing rules as edited in the designer; absent leaves them as they are. */
        routing?: readonly RoutingRow[];
        /** routingFingerprint of the rules the form was opened with; a mismatch refuses the save. */
        routingSeen?: string;
      },
    ): Promise<Result<{ version: number; changes: number }>> {
      const { env } = await environment(who.workspaceId, name);
      if (!env)
        return {
          ok: false,
          error: { kind: 'permanent', code: 'not-found', message: 'No such environment.' },
        };
      const parent = input.parentId ? await ports.versions.byId(who.workspaceId, input.parentId) : undefined;
      let routing:
        | { environmentId: string; rows: readonly RoutingRow[]; snapshot: RoutingSnapshot }
        | undefined;
      let routingChanges: ReturnType<typeof diffConfigs> = [];
      if (input.routing) {
        const organisations = await ports.versions.organisations(who.workspaceId);
        const current = (await ports.versions.routing(env.id)).map((r) => ({
          id: r.id,
          name: r.name,
          kind: r.kind,
          value: r.value,
          xeroConnectionId: r.xeroConnectionId,
        }));
        if (input.routingSeen !== undefined && input.routingSeen !== routingFingerprint(current))
          return {
            ok: false,
            error: {
              kind: 'permanent',
              code: 'conflict',
              message:
                'The routing rules changed since this form was opened (on the Routing page or in another tab). Nothing was saved: open the designer again to see them.',
            },
          };
        const snapshot = routingSnapshot(input.routing, organisations);
        routingChanges = diffConfigs(
          { routing: routingForDiff(routingSnapshot(current, organisations)) },
          { routing: routingForDiff(snapshot) },
        );
        routing = { environmentId: env.id, rows: input.routing, snapshot };
      }
      const changes = [...diffConfigs(parent?.config ?? {}, input.config), ...routingChanges];
      if (parent && changes.length === 0)
        return {
          ok: false,
          error: { kind: 'permanent', code: 'unchanged', message: 'Nothing changed: no new version saved.' },
        };
      const saved = await ports.versions.save({
        workspaceId: who.workspaceId,
        config: input.config,
        note: input.note,
        author: who.actor,
        environment: name,
        parentId: parent?.id ?? null,
        pinTo: name,
        action: input.action ?? 'mapping.saved',
        details: {
          changes: changes.length,
          ...(routingChanges.length > 0 ? { routingChanges: routingChanges.length } : {}),
        },
        ...(routing ? { routing } : {}),
      });
      return { ok: true, value: { version: saved.version, changes: changes.length } };
    },

    /**
     * Makes an environment use a version (promotion from the previous environment, or a rollback to an
     * earlier one), after a dry run against that environment's organisation: whatever the version names
     * must exist there. With a translation table the translated mapping is saved as a new version.
     */
    async promote(
      who: Actor,
      targetName: string,
      input: {
        versionId: string;
        from?: string;
        translations?: ReadonlyMap<string, string>;
        action?: string;
      },
    ): Promise<Result<PromotionOutcome>> {
      const version = await ports.versions.byId(who.workspaceId, input.versionId);
      const { environments, env: target } = await environment(who.workspaceId, targetName);
      if (!version || !target) return notFound('No such version or environment.');
      const targetRef = await referenceFor(who.workspaceId, target);
      if (!targetRef.data)
        return {
          ok: false,
          error: { kind: 'permanent', code: 'reference', message: targetRef.problem ?? '' },
        };
      const sourceEnv = environments.find((e) => e.name === (input.from ?? version.environment));
      const sourceRef =
        sourceEnv && sourceEnv.name !== target.name
          ? await referenceFor(who.workspaceId, sourceEnv)
          : undefined;
      const translations = new Map(
        [...(input.translations ?? new Map<string, string>())].filter(([, v]) => v),
      );
      const config = translations.size > 0 ? translate(version.config, translations) : version.config;
      const missing = dryRun(config, targetRef.data, sourceRef?.data);
      if (missing.length > 0)
        return { ok: true, value: { kind: 'refused', version, target, missing, translations } };
      const action = input.action ?? 'mapping.promoted';
      const details = {
        from: input.from ?? version.environment,
        ...(translations.size > 0 ? { translated: translations.size } : {}),
      };
      if (diffConfigs(version.config, config).length > 0) {
        const saved = await ports.versions.save({
          workspaceId: who.workspaceId,
          config,
          note: `version ${version.version} translated for ${targetName}`,
          author: who.actor,
          environment: targetName,
          parentId: version.id,
          pinTo: targetName,
          action,
          details,
        });
        return {
          ok: true,
          value: { kind: 'promoted', version: saved.version, translated: translations.size },
        };
      }
      await ports.versions.pin({
        workspaceId: who.workspaceId,
        environment: targetName,
        versionId: version.id,
        actor: who.actor,
        action,
        details,
      });
      return { ok: true, value: { kind: 'promoted', version: version.version, translated: 0 } };
    },

    /**
     * Suggestions for the environment's mapping, computed now from the org's reference data and its
     * recent orders (a generated order when there are none); rejected ones and ones already in the
     * mapping are left out.
     */
    async suggestions(
      workspaceId: string,
      name: string,
    ): Promise<{ suggestions: Suggestion[]; basis: string } | undefined> {
      const { env } = await environment(workspaceId, name);
      if (!env) return undefined;
      const reference = await referenceFor(workspaceId, env);
      if (!reference.data) return { suggestions: [], basis: reference.problem ?? '' };
      const pinned = env.mappingVersionId
        ? await ports.versions.byId(workspaceId, env.mappingVersionId)
        : undefined;
      const config = pinned?.config ?? defaultMapping(reference.data);
      const orders: Order[] = [];
      if (env.ordercloudConnectionId && ports.getOrder) {
        const recent = await ports.orders.recent(workspaceId, env.ordercloudConnectionId, 10);
        for (const r of recent) {
          const fetched = await ports.getOrder({
            connectionId: env.ordercloudConnectionId,
            orderId: r.orderId,
          });
          if (fetched.ok) orders.push(fetched.value);
        }
      }
      const basis =
        orders.length > 0
          ? `${orders.length} recent order${orders.length === 1 ? '' : 's'} and ${env.tenantName ?? 'the organisation'}’s tax rates and chart of accounts`
          : `a generated order (no recent orders yet) and ${env.tenantName ?? 'the organisation'}’s tax rates and chart of accounts`;
      const seen = observeOrders(orders.length > 0 ? orders : [sampleOrder(reference.data, config)]);
      const rejected = await ports.versions.rejectedSuggestions(workspaceId, name);
      const all = [
        ...suggestTaxTypes(seen.taxCodes, reference.data),
        ...suggestAccounts(seen.categories, reference.data),
      ];
      const inMapping = (s: Suggestion) =>
        s.kind === 'tax'
          ? config.tax.byClass[s.subject] === s.value
          : config.accounts.rules.some((r) => r.category === s.subject && r.account === s.value) ||
            (config.accounts.sales === s.value &&
              !config.accounts.rules.some((r) => r.category === s.subject));
      const open = all.filter((s) => !inMapping(s) && !rejected.has(`${s.key}=${s.value}`));
      return { suggestions: ports.phraser ? await ports.phraser.phrase(open) : open, basis };
    },

    /**
     * The first-connection questions (how do you sell, which gateways, which bank account, draft or
     * approved, sales channel) → the first version: the mapping generated from the org, the answers, and
     * the suggestions this sure of themselves (≥ 0.6).
     */
    async setup(
      who: Actor,
      name: string,
      answers: {
        sells: 'b2c' | 'b2b' | 'both';
        gateways: readonly string[];
        bankAccount: string;
        clearingAccount?: string;
        status: 'AUTHORISED' | 'DRAFT';
        channel?: { category: string; option: string };
      },
    ): Promise<Result<{ version: number; suggestions: number }>> {
      const { env } = await environment(who.workspaceId, name);
      if (!env) return notFound('No such environment.');
      const reference = await referenceFor(who.workspaceId, env);
      if (!reference.data)
        return {
          ok: false,
          error: { kind: 'permanent', code: 'reference', message: reference.problem ?? '' },
        };
      const base = defaultMapping(reference.data);
      const found = (await this.suggestions(who.workspaceId, name))?.suggestions ?? [];
      const sure = found.filter((s) => s.confidence >= 0.6);
      const byClass = Object.fromEntries(
        sure.filter((s) => s.kind === 'tax').map((s) => [s.subject, s.value]),
      );
      const rules = sure
        .filter((s) => s.kind === 'account' && s.value !== base.accounts.sales)
        .map((s) => ({ category: s.subject, account: s.value }));
      const gatewayAccount = answers.clearingAccount || answers.bankAccount;
      const parsed = parseMapping({
        ...base,
        invoice: { ...base.invoice, status: answers.status },
        contacts: { ...base.contacts, companyContactsForB2B: answers.sells !== 'b2c' },
        payments: {
          ...base.payments,
          defaultAccount: answers.bankAccount || base.payments.defaultAccount,
          byGateway: Object.fromEntries(answers.gateways.map((g) => [g, gatewayAccount])),
        },
        tax: { ...base.tax, byClass: { ...base.tax.byClass, ...byClass } },
        accounts: { ...base.accounts, rules: [...base.accounts.rules, ...rules] },
        tracking: {
          ...base.tracking,
          defaults: answers.channel ? [answers.channel] : base.tracking.defaults,
        },
      });
      if (!parsed.ok)
        return {
          ok: false,
          error: { kind: 'permanent', code: 'invalid', message: parsed.errors[0]?.message ?? '' },
        };
      const saved = await this.save(who, name, {
        config: parsed.config,
        note: `first version from the setup questions, with ${sure.length} suggestion${sure.length === 1 ? '' : 's'}`,
        parentId: env.mappingVersionId,
        action: 'mapping.saved',
      });
      return saved.ok
        ? { ok: true, value: { version: saved.value.version, suggestions: sure.length } }
        : saved;
    },

    /** Accepting one suggestion saves a version with that one change. */
    async acceptSuggestion(
      who: Actor,
      name: string,
      input: { kind: string; subject: string; value: string; label: string },
    ): Promise<Result<{ version: number; changes: number }>> {
      const state = await this.load(who.workspaceId, name);
      if (!state?.draft) return notFound('No such environment.');
      const config: MappingConfig =
        input.kind === 'tax'
          ? {
              ...state.draft,
              tax: {
                ...state.draft.tax,
                byClass: { ...state.draft.tax.byClass, [input.subject]: input.value },
              },
            }
          : {
              ...state.draft,
              accounts: {
                ...state.draft.accounts,
                rules: [
                  ...state.draft.accounts.rules.filter((r) => r.category !== input.subject || r.attribute),
                  { category: input.subject, account: input.value },
                ],
              },
            };
      const parsed = parseMapping(config);
      if (!parsed.ok)
        return {
          ok: false,
          error: { kind: 'permanent', code: 'invalid', message: parsed.errors[0]?.message ?? '' },
        };
      return this.save(who, name, {
        config: parsed.config,
        note: `accepted suggestion: ${input.subject} → ${input.label}`,
        parentId: state.pinned?.id ?? null,
      });
    },

    async rejectSuggestion(who: Actor, name: string, input: { key: string; value: string }): Promise<void> {
      await ports.versions.record(who.workspaceId, who.actor, 'mapping.suggestion-rejected', {
        environment: name,
        key: input.key,
        value: input.value,
      });
    },

    /** A version as a JSON file a merchant can keep in git. */
    async exportVersion(workspaceId: string, versionId: string) {
      const version = await ports.versions.byId(workspaceId, versionId);
      return version
        ? {
            filename: `ledgerbridge-mapping-v${version.version}.json`,
            json: JSON.stringify(version.config, null, 2),
          }
        : undefined;
    },

    /** A JSON file back into a version of the environment, schema-checked; errors name the field. */
    async importVersion(
      who: Actor,
      name: string,
      input: { text: string; note: string },
    ): Promise<{ ok: true; version: number } | { ok: false; errors: FieldError[] }> {
      let value: unknown;
      try {
        value = JSON.parse(input.text);
      } catch (error) {
        return {
          ok: false,
          errors: [{ field: '(file)', message: `The file is not JSON: ${(error as Error).message}` }],
        };
      }
      const parsed = parseMapping(value);
      if (!parsed.ok) return parsed;
      const { env } = await environment(who.workspaceId, name);
      if (!env) return { ok: false, errors: [{ field: '(environment)', message: 'No such environment.' }] };
      const saved = await ports.versions.save({
        workspaceId: who.workspaceId,
        config: parsed.config,
        note: input.note || 'imported from a file',
        author: who.actor,
        environment: name,
        parentId: env.mappingVersionId,
        pinTo: name,
        action: 'mapping.imported',
      });
      return { ok: true, version: saved.version };
    },

    versions: ports.versions,
  };
}

export type MappingStudio = ReturnType<typeof createMappingStudio>;
