import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

// Server-rendered SVG: no chart library, no CDN, nothing to load under the console's CSP.

type Svg = HtmlEscapedString | Promise<HtmlEscapedString>;

export type Series = { readonly name: string; readonly tone: Tone; readonly values: readonly number[] };
export type Tone = 'good' | 'pending' | 'bad' | 'warn' | 'neutral' | 'info';

const colours: Record<Tone, string> = {
  good: '#1e7b34',
  pending: '#0b6fa4',
  bad: '#b42318',
  warn: '#b54708',
  neutral: '#8a99a8',
  info: '#6941c6',
};

const n = (value: number) => (Number.isFinite(value) ? Math.round(value * 10) / 10 : 0);

/** Stacked bars, one per label (a day), each series a colour; a legend with totals below. */
export function stackedBars(input: {
  title: string;
  labels: readonly string[];
  series: readonly Series[];
  width?: number;
  height?: number;
}): Svg {
  const width = input.width ?? 360;
  const height = input.height ?? 150;
  const top = 10;
  const bottom = 24;
  const left = 34;
  const plotH = height - top - bottom;
  const totals = input.labels.map((_, i) => input.series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(1, ...totals));
  const slot = (width - left - 4) / Math.max(1, input.labels.length);
  const bar = Math.max(4, slot * 0.62);
  const bars = input.labels.map((label, i) => {
    let y = top + plotH;
    const x = left + slot * i + (slot - bar) / 2;
    const parts = input.series.map((s) => {
      const v = s.values[i] ?? 0;
      if (v <= 0) return '';
      const h = (v / max) * plotH;
      y -= h;
      return `<rect x="${n(x)}" y="${n(y)}" width="${n(bar)}" height="${n(h)}" fill="${colours[s.tone]}"><title>${esc(label)}: ${v} ${esc(s.name)}</title></rect>`;
    });
    return `${parts.join('')}<text x="${n(x + bar / 2)}" y="${height - 7}" text-anchor="middle">${esc(label)}</text>`;
  });
  return html`<figure class="chart"><svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${input.title}" preserveAspectRatio="xMidYMid meet">
    ${raw(axis(left, top, width, plotH, max))}${raw(bars.join(''))}</svg>
    <figcaption>${legend(input.series)}</figcaption></figure>`;
}

/** A half-circle gauge of `used` out of `limit`, with the figure in the middle. */
export function gauge(input: { title: string; used: number; limit: number; caption: string }): Svg {
  const share = input.limit > 0 ? Math.min(1, Math.max(0, input.used / input.limit)) : 0;
  const tone: Tone = share >= 0.9 ? 'bad' : share >= 0.75 ? 'warn' : 'good';
  const r = 50;
  const cx = 60;
  const cy = 60;
  const angle = Math.PI * (1 - share);
  const ex = cx + r * Math.cos(angle);
  const ey = cy - r * Math.sin(angle);
  const arc =
    share > 0
      ? `<path d="M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${n(ex)} ${n(ey)}" stroke="${colours[tone]}" stroke-width="12" fill="none" stroke-linecap="butt"/>`
      : '';
  return html`<figure class="gauge" data-gauge="${input.title}"><svg viewBox="0 0 120 72" role="img" aria-label="${input.title}: ${input.used} of ${input.limit}">
    <path d="M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${cx + r} ${cy}" stroke="#e3e8ee" stroke-width="12" fill="none"/>
    ${raw(arc)}
    <text x="60" y="56" text-anchor="middle" class="gauge-figure">${Math.round(share * 100)}%</text></svg>
    <figcaption><strong>${input.title}</strong><br />${input.caption}</figcaption></figure>`;
}

/** Lines over labels (e.g. latency p50 and p95 per day); gaps where a value is null. */
export function lines(input: {
  title: string;
  labels: readonly string[];
  series: ReadonlyArray<{ name: string; tone: Tone; values: ReadonlyArray<number | null> }>;
  unit: string;
  width?: number;
  height?: number;
}): Svg {
  const width = input.width ?? 360;
  const height = input.height ?? 150;
  const top = 10;
  const bottom = 24;
  const left = 40;
  const plotH = height - top - bottom;
  const all = input.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(1, ...all));
  const step = (width - left - 10) / Math.max(1, input.labels.length - 1);
  const x = (i: number) => left + step * i;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const paths = input.series.map((s) => {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'} ${n(x(i))} ${n(y(v))} `;
      pen = true;
    });
    const dots = s.values
      .map((v, i) =>
        v === null
          ? ''
          : `<circle cx="${n(x(i))}" cy="${n(y(v))}" r="2.5" fill="${colours[s.tone]}"><title>${esc(input.labels[i] ?? '')}: ${esc(s.name)} ${v} ${esc(input.unit)}</title></circle>`,
      )
      .join('');
    return `<path d="${d.trim()}" stroke="${colours[s.tone]}" stroke-width="2" fill="none"/>${dots}`;
  });
  const ticks = input.labels
    .map((l, i) => `<text x="${n(x(i))}" y="${height - 7}" text-anchor="middle">${esc(l)}</text>`)
    .join('');
  return html`<figure class="chart"><svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${input.title}" preserveAspectRatio="xMidYMid meet">
    ${raw(axis(left, top, width, plotH, max, input.unit))}${raw(paths.join(''))}${raw(ticks)}</svg>
    <figcaption>${input.series.map((s) => html`<span class="key"><i class="tone-${s.tone}"></i>${s.name}</span> `)}</figcaption></figure>`;
}

function legend(series: readonly Series[]) {
  return series.map(
    (s) =>
      html`<span class="key"><i class="tone-${s.tone}"></i>${s.name} <strong>${s.values.reduce((a, v) => a + v, 0)}</strong></span> `,
  );
}

function axis(left: number, top: number, width: number, plotH: number, max: number, unit = ''): string {
  const lines = [0, 0.5, 1].map((f) => {
    const y = n(top + plotH - f * plotH);
    const label = `${formatTick(max * f)}${unit && f === 1 ? ` ${unit}` : ''}`;
    return `<line x1="${left}" x2="${width - 4}" y1="${y}" y2="${y}" stroke="#e3e8ee"/><text x="${left - 4}" y="${y + 4}" text-anchor="end">${esc(label)}</text>`;
  });
  return lines.join('');
}

function formatTick(v: number): string {
  return v >= 1000 ? `${n(v / 1000)}k` : `${n(v)}`;
}

/** 1, 2, 5 × 10^k at or above the value: round axis labels. */
export function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const f of [1, 2, 5, 10]) if (f * power >= value) return f * power;
  return 10 * power;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
