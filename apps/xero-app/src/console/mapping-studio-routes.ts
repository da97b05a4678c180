import type { Context, Hono } from 'hono';
import { readForm } from '../http/read-form.ts';
import { isUuid } from '../connections/uuid.ts';
import type { CookiePolicy } from '../auth/session-cookies.ts';
import type { SessionEnv } from '../auth/session-middleware.ts';
import { diffConfigs } from '../mapping/studio/config-diff.ts';
import { routingForDiff } from '../mapping/studio/routing-codec.ts';
import type { MappingStudio } from '../mapping/studio/studio-service.ts';
import { setFlash, takeFlash } from './flash.ts';
import { postedRoutingRows } from './views/mapping-marketplace.ts';
import { mappingStudioPage } from './views/mapping-studio-page.ts';
import { mappingSuggestionsPage } from './views/mapping-suggestions-page.ts';
import { mappingVersionsPage, promotionCard } from './views/mapping-versions-page.ts';

type Actor = { workspaceId: string; actor: string };

/** The mapping studio's pages: designer, preview, versions, import/export, promotion. */
export function mountMappingStudio(
  app: Hono<SessionEnv>,
  deps: {
    studio: MappingStudio;
    policy: CookiePolicy;
    now: () => Date;
    who: (c: Context<SessionEnv>) => Actor;
    notFound: (c: Context<SessionEnv>) => Response | Promise<Response>;
  },
): void {
  const { studio, policy, who, notFound } = deps;
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

  app.get('/console/mapping', async (c) => {
    const envs = await studio.versions.environments(who(c).workspaceId);
    const first = envs.find((e) => e.tenantId) ?? envs[0];
    return c.redirect(`/console/mapping/${first?.name ?? 'dev'}`, 303);
  });

  app.get('/console/mapping/:env', async (c) => {
    const state = await studio.load(who(c).workspaceId, c.req.param('env'), { profiles: true });
    if (!state) return notFound(c);
    return c.html(
      mappingStudioPage({ session: c.get('session'), flash: takeFlash(c, policy), state, now: deps.now() }),
    );
  });

  app.post('/console/mapping/:env/refresh', async (c) => {
    const env = c.req.param('env');
    const result = await studio.refreshReference(who(c).workspaceId, env);
    if (!result.ok && result.error.code === 'not-found') return notFound(c);
    setFlash(
      c,
      policy,
      result.ok
        ? { kind: 'ok', message: 'Accounts, tax rates, tracking and currencies read again from Xero.' }
        : { kind: 'error', message: result.error.message },
    );
    return c.redirect(`/console/mapping/${env}`, 303);
  });

  // Preview and save post the whole designer form; both show it again as posted when something is wrong.
  const designerPost = async (c: Context<SessionEnv>, mode: 'preview' | 'save') => {
    const actor = who(c);
    const env = c.req.param('env') ?? '';
    const state = await studio.load(actor.workspaceId, env);
    if (!state?.draft) return notFound(c);
    const form = await readForm(c, { all: true });
    const note = text(form.note).slice(0, 500);
    const orderId = text(form.orderId) || undefined;
    const decoded = studio.decode(form, state.draft, state.organisations);
    // The page shown again carries the source path suggestions (read from recent orders) and the
    // routing rows as posted.
    const render = async (extra: Parameters<typeof mappingStudioPage>[0], status: 200 | 422) => {
      const full = (await studio.load(actor.workspaceId, env, { profiles: true })) ?? state;
      return c.html(
        mappingStudioPage({
          ...extra,
          state: full,
          ...(routingPosted ? { routingRows: routingPosted } : {}),
          ...(text(form['routing.seen']) ? { routingSeen: text(form['routing.seen']) } : {}),
        }),
        status,
      );
    };
    const routingPosted = 'routing.kind' in form ? postedRoutingRows(form) : undefined;
    const common = {
      session: c.get('session'),
      state,
      note,
      now: deps.now(),
      ...(orderId ? { selectedOrderId: orderId } : {}),
    };
    if (!decoded.ok) {
      return render(
        {
          ...common,
          flash: null,
          errors: decoded.errors,
          ...(decoded.draft ? { draft: decoded.draft } : {}),
        },
        422,
      );
    }
    if (mode === 'preview') {
      const preview = await studio.preview(actor.workspaceId, env, decoded.config, orderId);
      if (!preview.ok) {
        return render(
          { ...common, flash: { kind: 'error', message: preview.error.message }, draft: decoded.config },
          422,
        );
      }
      const draft = preview.value.draft;
      const findings = draft.ok
        ? draft.invoice.findings.map((f) =>
            f.severity === 'hold' ? `Held as draft: ${f.message}` : f.message,
          )
        : [];
      return render({ ...common, flash: null, draft: decoded.config, preview: preview.value, findings }, 200);
    }
    const parentId = text(form.parentId) || null;
    const saved = await studio.save(actor, env, {
      config: decoded.config,
      note,
      parentId,
      ...(decoded.routing ? { routing: decoded.routing } : {}),
      ...(decoded.routing && text(form['routing.seen']) ? { routingSeen: text(form['routing.seen']) } : {}),
    });
    if (!saved.ok) {
      return render(
        { ...common, flash: { kind: 'error', message: saved.error.message }, draft: decoded.config },
        422,
      );
    }
    setFlash(c, policy, {
      kind: 'ok',
      message: `Saved version ${saved.value.version} (${saved.value.changes} change${saved.value.changes === 1 ? '' : 's'}); ${env.toUpperCase()} uses it from its next order.`,
    });
    return c.redirect(`/console/mapping/${env}`, 303);
  };
  app.post('/console/mapping/:env/preview', (c) => designerPost(c, 'preview'));
  app.post('/console/mapping/:env', (c) => designerPost(c, 'save'));

  const versionsPage = async (
    c: Context<SessionEnv>,
    extra: Pick<Parameters<typeof mappingVersionsPage>[0], 'importErrors' | 'promotion'> = {},
    status: 200 | 422 = 200,
  ) => {
    const { workspaceId } = who(c);
    const environments = await studio.versions.environments(workspaceId);
    const environment = environments.find((e) => e.name === c.req.param('env'));
    if (!environment) return notFound(c);
    const versions = await studio.versions.list(workspaceId);
    const a = Number(c.req.query('a'));
    const b = Number(c.req.query('b'));
    let diff: Parameters<typeof mappingVersionsPage>[0]['diff'];
    if (a && b) {
      const [va, vb] = await Promise.all([
        studio.versions.byNumber(workspaceId, a),
        studio.versions.byNumber(workspaceId, b),
      ]);
      // Routing rules saved with a version (0052) are compared too, when either version has them.
      const withRouting = (v: NonNullable<typeof va>) =>
        va?.routing || vb?.routing ? { ...v.config, routing: routingForDiff(v.routing ?? []) } : v.config;
      if (va && vb) diff = { a, b, changes: diffConfigs(withRouting(va), withRouting(vb)) };
    }
    return c.html(
      mappingVersionsPage({
        session: c.get('session'),
        flash: takeFlash(c, policy),
        environment,
        environments,
        versions,
        audit: await studio.versions.audit(workspaceId),
        ...(diff ? { diff } : {}),
        ...extra,
      }),
      status,
    );
  };
  app.get('/console/mapping/:env/versions', (c) => versionsPage(c));

  app.get('/console/mapping/:env/versions/:id/export', async (c) => {
    // A malformed ID would reach a uuid column as a 500 (found by the fuzz suite).
    if (!isUuid(c.req.param('id'))) return notFound(c);
    const exported = await studio.exportVersion(who(c).workspaceId, c.req.param('id'));
    if (!exported) return notFound(c);
    c.header('content-type', 'application/json; charset=utf-8');
    c.header('content-disposition', `attachment; filename="${exported.filename}"`);
    return c.body(exported.json);
  });

  // Promotion (from the previous environment) and rollback (an earlier version) both dry-run first.
  const promote = async (c: Context<SessionEnv>, defaultAction: 'mapping.promoted' | 'mapping.restored') => {
    const env = c.req.param('env') ?? '';
    const form = await readForm(c);
    const from = text(form.from) || undefined;
    const action = text(form.action) === 'mapping.restored' ? 'mapping.restored' : defaultAction;
    const translations = new Map(
      Object.entries(form)
        .filter(([k, v]) => k.startsWith('t:') && typeof v === 'string' && v)
        .map(([k, v]) => [k.slice(2), v as string]),
    );
    const result = await studio.promote(who(c), env, {
      versionId: text(form.versionId),
      ...(from ? { from } : {}),
      translations,
      action,
    });
    if (!result.ok) {
      if (result.error.code === 'not-found') return notFound(c);
      setFlash(c, policy, { kind: 'error', message: result.error.message });
      return c.redirect(`/console/mapping/${env}/versions`, 303);
    }
    const outcome = result.value;
    if (outcome.kind === 'refused') {
      return versionsPage(
        c,
        { promotion: promotionCard({ session: c.get('session'), refused: outcome, from, action }) },
        422,
      );
    }
    setFlash(c, policy, {
      kind: 'ok',
      message:
        action === 'mapping.restored'
          ? `${env.toUpperCase()} uses version ${outcome.version} again from its next order.`
          : `Promoted: ${env.toUpperCase()} uses version ${outcome.version}${outcome.translated ? ` (translated ${outcome.translated} name${outcome.translated === 1 ? '' : 's'})` : ''} from its next order.`,
    });
    return c.redirect(`/console/mapping/${env}/versions`, 303);
  };
  app.post('/console/mapping/:env/promote', (c) => promote(c, 'mapping.promoted'));
  app.post('/console/mapping/:env/restore', (c) => promote(c, 'mapping.restored'));

  app.post('/console/mapping/:env/setup', async (c) => {
    const env = c.req.param('env');
    const form = await readForm(c, { all: true });
    const list = (v: unknown) =>
      (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(text).filter(Boolean);
    const sells = text(form.sells);
    const channel = text(form.channel);
    let pair: { category: string; option: string } | undefined;
    try {
      const parsed: unknown = channel ? JSON.parse(channel) : undefined;
      if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string')
        pair = { category: parsed[0], option: parsed[1] };
    } catch {
      pair = undefined;
    }
    const result = await studio.setup(who(c), env, {
      sells: sells === 'b2b' || sells === 'both' ? sells : 'b2c',
      gateways: list(form.gateways),
      bankAccount: text(form.bankAccount),
      clearingAccount: text(form.clearingAccount),
      status: text(form.status) === 'DRAFT' ? 'DRAFT' : 'AUTHORISED',
      ...(pair ? { channel: pair } : {}),
    });
    if (!result.ok && result.error.code === 'not-found') return notFound(c);
    setFlash(
      c,
      policy,
      result.ok
        ? {
            kind: 'ok',
            message: `Saved version ${result.value.version} from your answers and ${result.value.suggestions} suggestion${result.value.suggestions === 1 ? '' : 's'}; ${env.toUpperCase()} uses it from its next order.`,
          }
        : { kind: 'error', message: result.error.message },
    );
    return c.redirect(`/console/mapping/${env}`, 303);
  });

  app.get('/console/mapping/:env/suggestions', async (c) => {
    const env = c.req.param('env');
    const found = await studio.suggestions(who(c).workspaceId, env);
    if (!found) return notFound(c);
    return c.html(
      mappingSuggestionsPage({
        session: c.get('session'),
        flash: takeFlash(c, policy),
        environment: env,
        ...found,
      }),
    );
  });
  app.post('/console/mapping/:env/suggestions/accept', async (c) => {
    const env = c.req.param('env');
    const form = await readForm(c);
    const saved = await studio.acceptSuggestion(who(c), env, {
      kind: text(form.kind),
      subject: text(form.subject),
      value: text(form.value),
      label: text(form.label),
    });
    if (!saved.ok && saved.error.code === 'not-found') return notFound(c);
    setFlash(
      c,
      policy,
      saved.ok
        ? { kind: 'ok', message: `Accepted: saved version ${saved.value.version}.` }
        : { kind: 'error', message: saved.error.message },
    );
    return c.redirect(`/console/mapping/${env}/suggestions`, 303);
  });
  app.post('/console/mapping/:env/suggestions/reject', async (c) => {
    const env = c.req.param('env');
    const form = await readForm(c);
    await studio.rejectSuggestion(who(c), env, { key: text(form.key), value: text(form.value) });
    setFlash(c, policy, { kind: 'ok', message: 'Rejected: it will not be suggested again.' });
    return c.redirect(`/console/mapping/${env}/suggestions`, 303);
  });

  app.post('/console/mapping/:env/import', async (c) => {
    const env = c.req.param('env');
    const form = await readForm(c);
    const file = form.file;
    const content = file instanceof File ? await file.text() : text(form.json);
    const imported = await studio.importVersion(who(c), env, {
      text: content,
      note: text(form.note).slice(0, 500),
    });
    if (!imported.ok) return versionsPage(c, { importErrors: imported.errors }, 422);
    setFlash(c, policy, {
      kind: 'ok',
      message: `Imported as version ${imported.version}; ${env.toUpperCase()} uses it.`,
    });
    return c.redirect(`/console/mapping/${env}/versions`, 303);
  });
}
