import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz-run.ts';

// CI's fixed-seed budget: every route of the router, 1,000 generated requests. `pnpm reliability` runs more.
describe('fuzzing every public endpoint', () => {
  it('answers no 5xx, only documented statuses, and stores nothing it refuses', async () => {
    const figures = await runFuzz({ seed: 20261205, cases: 1_000 });
    expect(figures.failures.slice(0, 20)).toEqual([]);
    expect(figures.cases).toBe(1_000);
    expect(Object.keys(figures.perRoute)).toHaveLength(figures.routes);
    expect(Math.min(...Object.values(figures.perRoute))).toBeGreaterThanOrEqual(3);
  }, 600_000);
});
