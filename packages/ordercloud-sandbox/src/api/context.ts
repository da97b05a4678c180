import type { Actor } from '../auth/actor.ts';
import type { TokenService } from '../auth/token-service.ts';
import type { Clock } from '../clock.ts';
import type { IdGenerator } from '../ids.ts';
import type { SandboxState } from '../state.ts';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.ts';
import type { Query } from './list-query.ts';

export type ApiFault = {
  status: number;
  times: number;
  retryAfterSeconds?: number;
  path?: string;
  verb?: string;
};

export type SandboxStats = {
  tokenRequests: number;
  apiRequests: number;
  apiRequestsByRoute: Record<string, number>;
};

export type SandboxCore = {
  readonly state: SandboxState;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly tokens: TokenService;
  readonly webhooks: WebhookDispatcher;
  readonly baseUrl: () => string;
  apiFaults: ApiFault[];
  stats: SandboxStats;
  /** How long calculate/estimateshipping/submit wait for a merchant's checkout endpoint. */
  readonly integrationTimeoutMs: number;
  newId(taken: (id: string) => boolean): string;
  replaceState(state: SandboxState): void;
};

/** What domain modules (src/commerce) need: the marketplace and who is acting. */
export type CommerceContext = {
  core: SandboxCore;
  state: SandboxState;
  actor: Actor;
};

export type RouteContext = CommerceContext & {
  params: Readonly<Record<string, string>>;
  query: Query;
  body: unknown;
};

export type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteDef = {
  verb: Verb;
  template: string; // OrderCloud's route template, e.g. v1/orders/{direction}/{orderID}/submit
  roles: readonly string[];
  created?: boolean; // answers 201
  handler: (ctx: RouteContext) => unknown | Promise<unknown>;
};
