// Served from /console/assets so the pages run under a CSP without inline script or style.

export const consoleCss = `
:root { --ink:#1d2733; --muted:#5b6b7b; --line:#dde3ea; --bg:#f6f8fa; --xero:#13b5ea; --good:#1e7b34; --bad:#b42318; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--ink); background:var(--bg); }
header.top { display:flex; gap:1.5rem; align-items:center; padding:.6rem 1.5rem; background:#0b2a3f; color:#fff; flex-wrap:wrap; }
header.top a { color:#cfe8f5; text-decoration:none; }
header.top a.active, header.top a:hover { color:#fff; text-decoration:underline; }
.brand { font-weight:700; color:#fff !important; font-size:1.1rem; }
nav { display:flex; gap:1rem; flex-wrap:wrap; }
.who { margin-left:auto; display:flex; gap:.75rem; align-items:center; color:#cfe8f5; font-size:.9rem; }
main { max-width:1100px; margin:1.5rem auto; padding:0 1.5rem; }
h1 { font-size:1.5rem; margin:.2rem 0 1rem; } h2 { font-size:1.15rem; margin:1.6rem 0 .6rem; }
table { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); }
th, td { text-align:left; padding:.5rem .7rem; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:.8rem; text-transform:uppercase; letter-spacing:.03em; color:var(--muted); background:#fbfcfd; }
.card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:1rem 1.2rem; margin-bottom:1rem; }
.grid { display:grid; grid-template-columns:repeat(auto-fit, minmax(260px, 1fr)); gap:1rem; }
.badge { display:inline-block; padding:.05rem .5rem; border-radius:999px; font-size:.8rem; background:#e9eef3; }
.badge.good { background:#dff3e4; color:var(--good); } .badge.bad { background:#fde7e5; color:var(--bad); }
.flash { padding:.6rem .9rem; border-radius:6px; } .flash.ok { background:#dff3e4; } .flash.error { background:#fde7e5; } .flash.notice { background:#fff4d6; }
.muted { color:var(--muted); } .small { font-size:.85rem; }
form.inline { display:inline; }
label { display:block; margin:.5rem 0 .2rem; font-weight:600; font-size:.9rem; }
input[type=text], input[type=url], input[type=password], select { width:100%; max-width:420px; padding:.45rem .6rem; border:1px solid #b8c4d0; border-radius:4px; font:inherit; }
button, .button { display:inline-block; padding:.45rem .9rem; border-radius:4px; border:1px solid #0b5c86; background:#0b6fa4; color:#fff; font:inherit; cursor:pointer; text-decoration:none; }
button.secondary { background:#fff; color:#0b5c86; } button.danger { background:#fff; color:var(--bad); border-color:var(--bad); }
button.link { background:none; border:none; color:#cfe8f5; padding:0; text-decoration:underline; }
.xero-button { background:var(--xero); border-color:#0e9cc9; font-weight:600; padding:.7rem 1.2rem; }
pre.json { background:#0f1720; color:#d7e3ee; padding:1rem; border-radius:6px; overflow:auto; font-size:.85rem; }
.secret { font-family:ui-monospace, monospace; background:#fff8db; padding:.5rem .7rem; border:1px dashed #c9a400; word-break:break-all; }
ol.timeline { list-style:none; padding:0; } ol.timeline li { border-left:3px solid var(--line); padding:.3rem .8rem; margin:0 0 .4rem; background:#fff; }
ol.timeline li.error { border-color:var(--bad); } ol.timeline li.ok { border-color:var(--good); }
.banner { background:var(--bad); color:#fff; padding:.7rem 1rem; border-radius:6px; font-weight:600; margin:0 0 .8rem; }
.banner a { color:#fff; text-decoration:underline; margin-left:.4rem; }
.tiles { display:grid; grid-template-columns:repeat(auto-fit, minmax(150px, 1fr)); gap:.8rem; margin-bottom:1rem; }
.tile { display:flex; flex-direction:column; background:#fff; border:1px solid var(--line); border-left:5px solid var(--muted); border-radius:6px; padding:.6rem .9rem; color:inherit; text-decoration:none; }
.tile.good { border-left-color:var(--good); } .tile.bad { border-left-color:var(--bad); } .tile.pending { border-left-color:#0b6fa4; }
.tile .figure { font-size:1.8rem; font-weight:700; line-height:1.1; } .tile .label { font-weight:600; }
.charts { display:grid; grid-template-columns:repeat(auto-fit, minmax(300px, 1fr)); gap:1rem; }
.charts .card h2, #budget h2, .attention h2 { margin-top:0; }
figure.chart, figure.gauge { margin:0; } figure.chart svg { width:100%; height:auto; display:block; }
figure.chart text, figure.gauge text { font-size:12px; fill:var(--muted); font-family:system-ui, sans-serif; }
figure.gauge text.gauge-figure { font-size:18px; font-weight:700; fill:var(--ink); }
figcaption { font-size:.8rem; color:var(--muted); margin-top:.3rem; }
.key { white-space:nowrap; margin-right:.6rem; } .key i { display:inline-block; width:.7rem; height:.7rem; border-radius:2px; margin-right:.25rem; vertical-align:-1px; }
.tone-good { background:#1e7b34; } .tone-pending { background:#0b6fa4; } .tone-bad { background:#b42318; } .tone-warn { background:#b54708; } .tone-neutral { background:#8a99a8; } .tone-info { background:#6941c6; }
.gauges { display:grid; grid-template-columns:repeat(auto-fit, minmax(280px, 1fr)); gap:1rem; }
.org-gauges { display:grid; grid-template-columns:1fr 1fr; gap:.6rem; } .org-gauges h3 { grid-column:1 / -1; margin:0; font-size:1rem; }
figure.gauge svg { width:100%; max-width:160px; height:auto; display:block; }
ul.reasons { list-style:none; padding:0; margin:0; } ul.reasons li { padding:.5rem 0; border-bottom:1px solid var(--line); }
ul.reasons li:last-child { border-bottom:none; } ul.reasons form { margin-top:.3rem; }
form.filters { display:flex; flex-wrap:wrap; gap:.5rem; align-items:flex-end; margin-bottom:1rem; }
form.filters label { margin:0; width:100%; } form.filters select, form.filters input { max-width:260px; }
.table-scroll { overflow-x:auto; }
nav.pager { display:flex; gap:1rem; margin:.8rem 0; } progress { width:100%; height:1.1rem; }
form.skip { display:flex; gap:.3rem; margin-top:.3rem; } form.skip input { max-width:180px; }
a.fix { white-space:nowrap; }
.events { display:grid; grid-template-columns:repeat(auto-fit, minmax(280px, 1fr)); gap:0 1rem; margin-bottom:.5rem; }
input[type=url] { max-width:560px; } input:disabled { background:#eef1f4; }
details summary { cursor:pointer; color:#0b5c86; }
#alert-settings > h2:first-of-type { margin-top:0; }
.tour { border-color:#9cc3da; background:#f3f9fc; } .tour h2 { margin:0; }
.tour-head { display:flex; justify-content:space-between; align-items:flex-start; gap:1rem; }
button.link-dark { background:none; border:none; color:#0b5c86; padding:0; text-decoration:underline; white-space:nowrap; }
ol.tour-steps { padding-left:1.2rem; margin:.4rem 0 0; } ol.tour-steps li { margin:.5rem 0; } ol.tour-steps li > div { margin-top:.25rem; }
ol.tour-steps form.inline button { margin:.15rem 0; }
@media (max-width: 600px) { main { padding:0 .7rem; } th, td { padding:.4rem; } .who { margin-left:0; } }
/* Mapping studio */
nav.tabs { display:flex; gap:.25rem; flex-wrap:wrap; margin:0 0 1rem; border-bottom:1px solid var(--line); }
nav.tabs a { padding:.4rem .8rem; text-decoration:none; color:#0b5c86; border:1px solid transparent; border-bottom:none; border-radius:4px 4px 0 0; }
nav.tabs a.active { background:#fff; border-color:var(--line); color:var(--ink); font-weight:600; }
fieldset.section { min-width:0; } fieldset.section legend { font-weight:700; font-size:1.1rem; padding:0 .3rem; }
fieldset.section h3 { font-size:.95rem; margin:1rem 0 .3rem; }
.fields { display:grid; grid-template-columns:repeat(auto-fit, minmax(240px, 1fr)); gap:.2rem 1rem; }
.field { min-width:0; } .field select, .field input[type=text] { max-width:100%; }
input[type=number] { width:8rem; padding:.45rem .6rem; border:1px solid #b8c4d0; border-radius:4px; font:inherit; }
table.rows td { padding:.3rem; } table.rows input, table.rows select { width:100%; min-width:8rem; max-width:none; }
label.check { font-weight:400; display:flex; gap:.4rem; align-items:center; }
.scroll { overflow-x:auto; max-width:100%; }
.example { margin:.2rem 0 0; color:var(--muted); } .example output { font-family:ui-monospace, monospace; color:var(--ink); }
.rule-result { margin-top:.2rem; } .rule-result.good { color:var(--good); } .rule-result.bad, .bad { color:var(--bad); }
.actions { display:flex; flex-wrap:wrap; gap:1rem; align-items:flex-end; border-color:#9cc3da; background:#f3f9fc; }
.card > h2:first-child, .card > h3:first-child { margin-top:0; }
.actions .field { flex:1 1 260px; } .actions select, .actions input[type=text] { margin-bottom:.4rem; }
.side-by-side { display:grid; grid-template-columns:repeat(auto-fit, minmax(320px, 1fr)); gap:1rem; }
.doc { min-width:0; } .doc h3 { margin:.3rem 0; font-size:1rem; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:.1rem .8rem; margin:.3rem 0 .6rem; font-size:.9rem; } dl.facts dt { color:var(--muted); } dl.facts dd { margin:0; }
table.lines td, table.lines th { font-size:.85rem; } td.num, th.num { text-align:right; white-space:nowrap; }
tr.changed td { background:#fff6d6; }
.findings-box { background:#fff8db; border:1px solid #e8d27a; border-radius:6px; padding:.5rem .8rem; margin:.5rem 0; }
ul.findings { margin:.3rem 0; padding-left:1.2rem; }
.row-form { display:flex; flex-wrap:wrap; gap:.5rem; align-items:center; } .row-form label { margin:0; } .row-form select { width:auto; }
td.before { color:var(--bad); } td.after { color:var(--good); }
tr.group-start td { border-top:2px solid var(--ink); }
.overwritten { color:var(--bad); text-decoration:line-through; } .kept { color:var(--good); font-weight:600; }
@media (min-width: 601px) { .review-products select { min-width:16rem; } }
ul.review-counts { margin:.4rem 0 1rem; }
.small-button { padding:.2rem .5rem; font-size:.85rem; } .actions-cell { white-space:nowrap; }
.suggestion { display:flex; gap:.75rem; flex-wrap:wrap; align-items:center; justify-content:space-between; border-bottom:1px solid var(--line); padding:.5rem 0; }
.confidence { font-variant-numeric:tabular-nums; }
ul.path-suggestions { list-style:none; margin:.3rem 0 .6rem; padding:0; } ul.path-suggestions li { margin:.2rem 0; overflow-wrap:anywhere; }
.source-field code, #source-profiles code { overflow-wrap:anywhere; } table.rows input.position { width:4.5rem; min-width:4rem; }
@media (max-width: 600px) {
  main { padding:0 .6rem; margin-top:.8rem; } .card { padding:.8rem; }
  header.top { padding:.5rem .8rem; gap:.6rem; } .who { margin-left:0; }
  .side-by-side { grid-template-columns:1fr; }
  table.lines thead { display:none; } table.lines, table.lines tbody, table.lines tr { display:block; }
  table.lines tr { border-bottom:2px solid var(--line); padding:.3rem 0; }
  table.lines td { display:flex; justify-content:space-between; gap:1rem; border:none; padding:.15rem .5rem; text-align:right; }
  table.lines td::before { content:attr(data-label); color:var(--muted); font-size:.8rem; text-align:left; }
  table.lines td:first-child { font-weight:600; text-align:left; } table.lines td:first-child::before { content:none; }
  /* Lists (orders, attention, dead letters, alerts…) become one card per row on a phone: labels from the header. */
  table.stack thead { display:none; } table.stack, table.stack tbody, table.stack tr { display:block; }
  table.stack tr { border-bottom:2px solid var(--line); padding:.35rem 0; }
  table.stack td { display:block; border:none; padding:.2rem .6rem; overflow-wrap:anywhere; }
  table.stack td[data-label]::before { content:attr(data-label); display:block; color:var(--muted); font-size:.72rem; text-transform:uppercase; letter-spacing:.03em; }
  table.stack td:first-child { font-weight:600; } table.stack td:first-child::before { content:none; }
}
`;

export const consoleJs = `
document.addEventListener('submit', (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});
// Live examples of invoice number and reference templates, from the previewed order's fields.
document.addEventListener('input', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.template) return;
  const out = document.getElementById(input.id + '-example');
  if (!out) return;
  const data = JSON.parse(input.dataset.template);
  out.textContent = input.value.replace(/[{](orderId|date|year|customer)[}]/g, (_, key) => data[key]);
});
// "Use" next to a suggested source path fills its field (without scripts the field's list offers them).
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-fill]') : null;
  if (!button) return;
  const input = document.getElementById(button.getAttribute('data-fill'));
  if (input instanceof HTMLInputElement) { input.value = button.getAttribute('data-value'); input.focus(); }
});
// Read-only lists stack into one card per row on a phone (CSS table.stack): each cell is labelled with
// its column's header. Tables of inputs (.rows) and the preview's lines (.lines) have their own layout.
for (const table of document.querySelectorAll('table')) {
  if (!table.tHead || table.classList.contains('rows') || table.classList.contains('lines')) continue;
  const labels = [...(table.tHead.rows[0]?.cells ?? [])].map((cell) => cell.textContent.trim());
  table.classList.add('stack');
  for (const body of table.tBodies)
    for (const row of body.rows)
      [...row.cells].forEach((cell, i) => { if (!cell.dataset.label && labels[i]) cell.dataset.label = labels[i]; });
}
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
  if (!button) return;
  const source = document.getElementById(button.getAttribute('data-copy'));
  if (source) navigator.clipboard?.writeText(source.textContent.trim()).then(() => { button.textContent = 'Copied'; });
});
`;
