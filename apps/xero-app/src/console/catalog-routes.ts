import type { Result } from '@ledgerbridge/canonical';
import { type Context, Hono } from 'hono';
import type { CookiePolicy } from '../auth/session-cookies.ts';
import type { SessionEnv } from '../auth/session-middleware.ts';
import { isUuid } from '../connections/uuid.ts';
import { readForm } from '../http/read-form.ts';
import type { ReviewView } from '../sync/catalog/catalog-review.ts';
import type { ReviewChoices } from '../sync/catalog/review-plan.ts';
import { setFlash, takeFlash } from './flash.ts';
import { catalogReviewPage } from './views/catalog-review-page.ts';
import { errorPage } from './views/landing-page.ts';

type Actor = { workspaceId: string; actor: string };

/** The catalog's first-connect review and the merchant's choice per conflict. */
export type CatalogConsole = {
  reviews(workspaceId: string): Promise<ReviewView[]>;
  start(input: Actor & { connectionId: string }): Promise<Result<{ id: string }>>;
  apply(
    input: Actor & { reviewId: string; choices: ReviewChoices },
  ): Promise<Result<{ created: number; updated: number; adopted: number; archived: number }>>;
  choose(
    input: Actor & { conflictId: string; side: 'ordercloud' | 'xero'; always: boolean },
  ): Promise<Result<{ written: boolean }>>;
};

const pairPrefix = 'pair:';
const otherPrefix = 'other:';

/**
 * The review form's answers: `pair:{productId}` = item code or empty (a new item), `other:{productId}` = an
 * item code typed instead, `archive` = codes.
 */
export function choicesFromForm(body: Record<string, unknown>): ReviewChoices {
  const pairing = new Map<string, string | null>();
  for (const [name, value] of Object.entries(body)) {
    if (!name.startsWith(pairPrefix) || typeof value !== 'string') continue;
    pairing.set(name.slice(pairPrefix.length), value.trim() || null);
  }
  // A code typed into a product's "another item" field wins over its list.
  for (const [name, value] of Object.entries(body)) {
    if (!name.startsWith(otherPrefix) || typeof value !== 'string' || !value.trim()) continue;
    pairing.set(name.slice(otherPrefix.length), value.trim());
  }
  const archive = new Set(
    ([] as unknown[])
      .concat(body.archive ?? [])
      .filter((v): v is string => typeof v === 'string' && v !== ''),
  );
  return { pairing, archive };
}

/** Mounted inside the console routes (session and CSRF already checked). */
export function createCatalogRoutes(deps: {
  catalog: CatalogConsole;
  cookiePolicy: CookiePolicy;
}): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  const policy = deps.cookiePolicy;
  const who = (c: Context<SessionEnv>): Actor => {
    const s = c.get('session');
    return { workspaceId: s.workspaceId, actor: s.userEmail || s.userId };
  };
  const notFound = (c: Context<SessionEnv>) =>
    c.html(errorPage({ title: 'Not found', message: 'There is nothing like that in this workspace.' }), 404);
  const back = (c: Context<SessionEnv>, to: string, result: Result<unknown>, message: string) => {
    if (!result.ok && result.error.code === 'not-found') return notFound(c);
    setFlash(
      c,
      policy,
      result.ok ? { kind: 'ok', message } : { kind: 'error', message: result.error.message },
    );
    return c.redirect(to, 303);
  };

  app.get('/console/catalog/review', async (c) =>
    c.html(
      catalogReviewPage({
        session: c.get('session'),
        flash: takeFlash(c, policy),
        views: await deps.catalog.reviews(who(c).workspaceId),
      }),
    ),
  );
  app.post('/console/catalog/review', async (c) => {
    const body = await readForm(c);
    const connectionId = typeof body.connectionId === 'string' ? body.connectionId : '';
    if (!isUuid(connectionId)) return notFound(c);
    const result = await deps.catalog.start({ ...who(c), connectionId });
    return back(c, '/console/catalog/review', result, 'Both catalogs read: check the pairs, then Apply.');
  });
  app.post('/console/catalog/review/:id/apply', async (c) => {
    if (!isUuid(c.req.param('id'))) return notFound(c);
    const body = await readForm(c, { all: true });
    const result = await deps.catalog.apply({
      ...who(c),
      reviewId: c.req.param('id'),
      choices: choicesFromForm(body),
    });
    const v = result.ok ? result.value : undefined;
    return back(
      c,
      '/console/catalog/review',
      result,
      v
        ? `Applied: ${v.created} to create, ${v.updated} to update, ${v.adopted} already equal, ${v.archived} to archive. Xero gets them in batches of 50.`
        : '',
    );
  });
  app.post('/console/catalog/conflicts/:id/choose', async (c) => {
    if (!isUuid(c.req.param('id'))) return notFound(c);
    const body = await readForm(c);
    const side = body.side === 'xero' ? 'xero' : body.side === 'ordercloud' ? 'ordercloud' : undefined;
    if (!side) return notFound(c);
    const result = await deps.catalog.choose({
      ...who(c),
      conflictId: c.req.param('id'),
      side,
      always: body.always === 'yes',
    });
    const name = side === 'xero' ? 'Xero’s' : 'OrderCloud’s';
    return back(
      c,
      '/console/catalog/conflicts',
      result,
      result.ok && result.value.written
        ? `${name} value is being put on both sides.${body.always === 'yes' ? ` ${name} side decides this field from now on.` : ''}`
        : `Kept ${name} value.${body.always === 'yes' ? ` ${name} side decides this field from now on.` : ''}`,
    );
  });
  return app;
}
