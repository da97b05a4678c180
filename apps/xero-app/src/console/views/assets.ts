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
.flash { padding:.6rem .9rem; border-radius:6px; } .flash.ok { background:#dff3e4; } .flash.error { background:#fde7e5; }
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
@media (max-width: 600px) { main { padding:0 .7rem; } th, td { padding:.4rem; } .who { margin-left:0; } }
`;

export const consoleJs = `
document.addEventListener('submit', (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
  if (!button) return;
  const source = document.getElementById(button.getAttribute('data-copy'));
  if (source) navigator.clipboard?.writeText(source.textContent.trim()).then(() => { button.textContent = 'Copied'; });
});
`;
