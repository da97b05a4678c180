import { describe, expect, it } from 'vitest';
import { budget, recordFigures } from './figures.ts';
import { runFuzz } from './fuzz-run.ts';

// CI's fixed-seed budget: every route of the router, 1,000 generated requests. `pnpm reliability` may
// raise FUZZ_CASES (and change FUZZ_SEED) for more.
describe('fuzzing every public endpoint', () => {
  it('answers no 5xx, only documented statuses, and stores nothing it refuses', async () => {
    const cases = budget('FUZZ_CASES', 1_000);
    const figures = await runFuzz({ seed: budget('FUZZ_SEED', 20261205), cases });
    recordFigures('fuzz', figures);
    expect(figures.failures.slice(0, 20)).toEqual([]);
    expect(figures.cases).toBe(cases);
    expect(Object.keys(figures.perRoute)).toHaveLength(figures.routes);
    expect(Math.min(...Object.values(figures.perRoute))).toBeGreaterThanOrEqual(3);
  }, 600_000);
});
