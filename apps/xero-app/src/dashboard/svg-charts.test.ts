import { describe, expect, it } from 'vitest';
import { gauge, lines, niceMax, stackedBars } from './svg-charts.ts';

const text = async (svg: unknown) => String(await svg);

describe('svg charts', () => {
  it('stacks one bar per label, scaled to a round maximum, with totals in the legend', async () => {
    const out = await text(
      stackedBars({
        title: 'Orders',
        labels: ['Mon', 'Tue'],
        series: [
          { name: 'synced', tone: 'good', values: [3, 7] },
          { name: 'failed', tone: 'bad', values: [1, 0] },
        ],
      }),
    );
    expect(out.match(/<rect /g)).toHaveLength(3);
    expect(out).toContain('Tue: 7 synced');
    expect(out).toMatch(/synced <strong>10<\/strong>/);
    expect(out).toContain('>10<'); // the axis tops at 10
  });

  it('escapes labels and draws a gauge in the tone of its share', async () => {
    const bars = await text(
      stackedBars({ title: 't', labels: ['<b>'], series: [{ name: 'x', tone: 'good', values: [1] }] }),
    );
    expect(bars).not.toContain('<b>');
    const full = await text(gauge({ title: 'Day', used: 950, limit: 1000, caption: '50 left' }));
    expect(full).toContain('95%');
    expect(full).toContain('#b42318');
    const empty = await text(gauge({ title: 'Day', used: 0, limit: 1000, caption: '' }));
    expect(empty).toContain('0%');
    expect(empty).not.toContain('#1e7b34');
  });

  it('breaks a line where a value is missing', async () => {
    const out = await text(
      lines({
        title: 'Latency',
        labels: ['a', 'b', 'c'],
        unit: 's',
        series: [{ name: 'p95', tone: 'warn', values: [1, null, 2] }],
      }),
    );
    expect(out.match(/M /g)).toHaveLength(2);
    expect(out.match(/<circle /g)).toHaveLength(2);
  });

  it('rounds axis maxima to 1, 2 or 5 times a power of ten', () => {
    expect([niceMax(1), niceMax(3), niceMax(7), niceMax(11), niceMax(4800)]).toEqual([1, 5, 10, 20, 5000]);
  });
});
