import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a reliability suite leaves its figures for `pnpm reliability` (RELIABILITY_FIGURES_DIR); a plain
 * `pnpm test` run sets nothing and the figures only decide the test.
 */
export function recordFigures(name: string, figures: object): void {
  // biome-ignore lint/style/noProcessEnv: the reliability runner tells the suites where to write
  const dir = process.env.RELIABILITY_FIGURES_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/** A budget the runner may raise (FUZZ_CASES, CHAOS_KILLS); CI uses the default. */
export function budget(name: 'FUZZ_CASES' | 'CHAOS_KILLS' | 'FUZZ_SEED', fallback: number): number {
  // biome-ignore lint/style/noProcessEnv: the reliability runner sets the budgets
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
