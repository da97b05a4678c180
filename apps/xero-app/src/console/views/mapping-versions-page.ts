import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import { type Change, labelOf } from '../../mapping/studio/config-diff.ts';
import type { FieldError } from '../../mapping/studio/form-codec.ts';
import type { PromotionOutcome } from '../../mapping/studio/studio-service.ts';
import type { AuditEntry, EnvironmentBinding, VersionSummary } from '../../mapping/studio/versions-repo.ts';
import { formatDateTime } from './format.ts';
import { csrfField, type Markup, page } from './layout.ts';

type Flash = { kind: 'ok' | 'error'; message: string } | null;

export function diffTable(changes: readonly Change[], a: string, b: string): Markup {
  return changes.length === 0
    ? html`<p class="muted" id="diff">No differences.</p>`
    : html`<div class="scroll"><table id="diff"><thead><tr><th>Setting</th><th>${a}</th><th>${b}</th></tr></thead><tbody>
        ${changes.map(
          (c) =>
            html`<tr><td>${c.label}</td><td class="before">${c.before ?? html`<span class="muted">—</span>`}</td><td class="after">${c.after ?? html`<span class="muted">—</span>`}</td></tr>`,
        )}
      </tbody></table></div>`;
}

function describe(entry: AuditEntry): string {
  const d = entry.details;
  const v = d.version !== undefined ? `version ${String(d.version)}` : '';
  const env = typeof d.environment === 'string' ? d.environment : '';
  switch (entry.action) {
    case 'mapping.saved':
      return `saved ${v} for ${env}${d.note ? ` — “${String(d.note)}”` : ''}`;
    case 'mapping.promoted':
      return `promoted ${v} to ${env}${d.from ? ` from ${String(d.from)}` : ''}${d.translated ? ` with ${String(d.translated)} translation(s)` : ''}`;
    case 'mapping.restored':
      return `rolled ${env} back to ${v}`;
    case 'mapping.imported':
      return `imported ${v} into ${env}`;
    case 'environment.bound':
      return `changed the bindings of ${env}`;
    default:
      return `${entry.action} ${v} ${env}`;
  }
}

export function mappingVersionsPage(props: {
  session: Session;
  flash: Flash;
  environment: EnvironmentBinding;
  environments: readonly EnvironmentBinding[];
  versions: readonly VersionSummary[];
  diff?: { a: number; b: number; changes: readonly Change[] };
  audit: readonly AuditEntry[];
  importErrors?: readonly FieldError[];
  promotion?: Markup;
}): Markup {
  const { session, environment: env } = props;
  const base = `/console/mapping/${env.name}`;
  const next = { dev: 'qa', qa: 'prod', prod: undefined }[env.name];
  const pinned = props.versions.find((v) => v.id === env.mappingVersionId);
  const options = (selected: number | undefined) =>
    props.versions.map(
      (v) =>
        html`<option value="${v.version}" ${v.version === selected ? 'selected' : ''}>version ${v.version}${v.pinnedIn.length ? ` (${v.pinnedIn.join(', ')})` : ''}</option>`,
    );
  return page({
    title: `Mapping versions · ${env.name}`,
    session,
    active: '/console/mapping',
    flash: props.flash,
    body: html`<h1>Mapping versions</h1>
      <nav class="tabs" aria-label="Environments">
        ${props.environments.map((e) => html`<a href="/console/mapping/${e.name}/versions" class="${e.name === env.name ? 'active' : ''}">${e.name.toUpperCase()}</a>`)}
        <a href="${base}">Designer</a>
      </nav>
      <p class="muted">Every save is a new version that never changes; ${env.name.toUpperCase()} uses ${pinned ? `version ${pinned.version}` : 'none yet'}. Restoring or promoting an earlier version is a rollback.</p>
      ${props.promotion ?? ''}
      ${
        next && pinned
          ? html`<section class="card" id="promote">
              <h2>Promote to ${next.toUpperCase()}</h2>
              <p class="small muted">Checks first that every account, tax rate, tracking option and bank account version ${pinned.version} names exists in ${next.toUpperCase()}’s organisation.</p>
              <form method="post" action="/console/mapping/${next}/promote">
                ${csrfField(session)}
                <input type="hidden" name="from" value="${env.name}" />
                <input type="hidden" name="versionId" value="${pinned.id}" />
                <button id="promote-button">Check and promote version ${pinned.version} to ${next.toUpperCase()}</button>
              </form>
            </section>`
          : ''
      }
      <section class="card" id="diff-card">
        <h2>Compare</h2>
        <form method="get" action="${base}/versions" class="row-form">
          <label for="diff-a">From</label><select name="a" id="diff-a">${options(props.diff?.a ?? pinned?.version)}</select>
          <label for="diff-b">to</label><select name="b" id="diff-b">${options(props.diff?.b ?? props.versions[0]?.version)}</select>
          <button class="secondary" id="diff-button">Compare</button>
        </form>
        ${props.diff ? diffTable(props.diff.changes, `version ${props.diff.a}`, `version ${props.diff.b}`) : ''}
      </section>
      <h2>Versions</h2>
      <div class="scroll"><table id="versions">
        <thead><tr><th>Version</th><th>Saved</th><th>Note</th><th>In use</th><th></th></tr></thead>
        <tbody>
          ${props.versions.map(
            (v) => html`<tr data-version="${v.version}">
              <td>${v.version}${v.parentVersion ? html`<div class="small muted">from ${v.parentVersion}</div>` : ''}</td>
              <td>${formatDateTime(v.createdAt)}<div class="small muted">${v.author}${v.environment ? ` · ${v.environment}` : ''}</div></td>
              <td>${v.note || html`<span class="muted">—</span>`}${v.parentVersion ? html` <a class="small" href="${base}/versions?a=${v.parentVersion}&b=${v.version}">changes</a>` : ''}</td>
              <td>${v.pinnedIn.map((e) => html`<span class="badge good">${e}</span> `)}</td>
              <td class="actions-cell">
                <a class="small" href="${base}/versions/${v.id}/export" download>Export JSON</a>
                ${
                  v.id === env.mappingVersionId
                    ? ''
                    : html`<form method="post" action="${base}/restore" class="inline" data-confirm="${env.name.toUpperCase()} will use version ${v.version} from its next order. Continue?">
                        ${csrfField(session)}<input type="hidden" name="versionId" value="${v.id}" />
                        <button class="secondary small-button">Use in ${env.name.toUpperCase()}</button>
                      </form>`
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table></div>
      <section class="card" id="import">
        <h2>Import a version</h2>
        <p class="small muted">A JSON file exported from Ledgerbridge (for example kept in git). It is checked before anything is saved.</p>
        ${props.importErrors?.length ? html`<div class="flash error" id="import-errors"><ul>${props.importErrors.map((e) => html`<li data-field="${e.field}">${e.message}</li>`)}</ul></div>` : ''}
        <form method="post" action="${base}/import" enctype="multipart/form-data">
          ${csrfField(session)}
          <label for="import-file">File</label><input type="file" name="file" id="import-file" accept="application/json,.json" />
          <label for="import-note">Note</label><input type="text" name="note" id="import-note" maxlength="500" />
          <p><button class="secondary" id="import-button">Import into ${env.name.toUpperCase()}</button></p>
        </form>
      </section>
      <h2>Audit log</h2>
      <ol class="timeline" id="audit">
        ${props.audit.map((e) => html`<li><span class="small muted">${formatDateTime(e.at)}</span> · ${e.actor} ${describe(e)}</li>`)}
      </ol>`,
  });
}

const kindNames = {
  account: 'Account',
  bank: 'Bank account',
  tax: 'Tax rate',
  tracking: 'Tracking option',
} as const;

/** A refused promotion: what the target organisation lacks, with a translation table suggested by name. */
export function promotionCard(props: {
  session: Session;
  refused: Extract<PromotionOutcome, { kind: 'refused' }>;
  from: string | undefined;
  action: string;
}): Markup {
  const { refused } = props;
  const target = refused.target;
  return html`<section class="card refused" id="promotion">
    <h2>Not promoted: ${target.tenantName ?? target.name.toUpperCase()} lacks ${refused.missing.length} thing${refused.missing.length === 1 ? '' : 's'} version ${refused.version.version} names</h2>
    <p class="small muted">Different organisations have different codes. Choose what each one is called in ${target.tenantName ?? 'the target organisation'} (suggested by name); the translated mapping is saved as a new version for ${target.name.toUpperCase()}.</p>
    <form method="post" action="/console/mapping/${target.name}/promote">
      ${csrfField(props.session)}
      <input type="hidden" name="versionId" value="${refused.version.id}" />
      <input type="hidden" name="from" value="${props.from ?? ''}" />
      <input type="hidden" name="action" value="${props.action}" />
      ${[...refused.translations].map(([key, value]) => html`<input type="hidden" name="t:${key}" value="${value}" />`)}
      <div class="scroll"><table id="missing">
        <thead><tr><th>Missing in ${target.name.toUpperCase()}</th><th>Used for</th><th>Use instead</th></tr></thead>
        <tbody>
          ${refused.missing.map(
            (m, i) => html`<tr data-missing="${m.kind}:${m.value}">
              <td>${kindNames[m.kind]} <strong>${m.value}</strong>${m.sourceName && m.sourceName !== m.value ? html`<div class="small muted">${m.sourceName}</div>` : ''}</td>
              <td class="small">${m.paths.map(labelOf).join('; ')}</td>
              <td><select name="t:${m.kind}:${m.value}" id="translate-${i}" aria-label="Use instead of ${m.value}">
                <option value="">— choose —</option>
                ${m.candidates.map((c, j) => html`<option value="${c.value}" ${j === 0 && c.score > 0 ? 'selected' : ''}>${c.label}${c.score > 0 ? ` (${Math.round(c.score * 100)} % match)` : ''}</option>`)}
              </select></td>
            </tr>`,
          )}
        </tbody>
      </table></div>
      <p><button id="translate-button">Translate and promote to ${target.name.toUpperCase()}</button></p>
    </form>
  </section>`;
}
