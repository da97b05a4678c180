const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1c2b39; }
  header { background: #13b5ea; color: white; padding: 14px 24px; font-weight: 600; }
  main { max-width: 1100px; margin: 24px auto; background: white; border-radius: 8px; padding: 24px; box-shadow: 0 1px 3px #0002; }
  h1 { font-size: 22px; margin-top: 0; } h2 { font-size: 17px; margin-top: 28px; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e8ee; }
  th { background: #f7f9fb; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .muted { color: #6b7785; } .status { font-size: 12px; padding: 2px 6px; border-radius: 4px; background: #eef2f5; }
  button { background: #13b5ea; color: white; border: 0; border-radius: 4px; padding: 10px 18px; font-size: 15px; cursor: pointer; }
  button.secondary { background: #e3e8ee; color: #1c2b39; }
  label { display: block; padding: 6px 0; }
`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><header>Xero sandbox</header><main>${body}</main></body></html>`;
}
