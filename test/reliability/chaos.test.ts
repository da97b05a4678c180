import { describe, expect, inject, it } from 'vitest';
import { standardScenario } from '../support/fault-scenario.ts';
import { runChaos } from './chaos-run.ts';
import { budget, recordFigures } from './figures.ts';

// Only under `pnpm reliability` (CHAOS_KILLS=20, both backends, a PostgreSQL restart): its short CI
// form failed now and then on either backend for a reason not yet found (decision 0077, "Open"), and CI
// must give a definite answer. `CHAOS_KILLS=2 pnpm test test/reliability/chaos.test.ts` runs the short form.
const kills = budget('CHAOS_KILLS', 0);
const full = kills >= 20;
const backends = ['postgres', 'pglite'] as const;

describe.skipIf(kills === 0).each(backends)(
  'chaos on %s: processes SIGKILLed during a live order flow',
  (backend) => {
    it('ends with the fault-free Xero documents: nothing lost, nothing twice', async () => {
      const figures = await runChaos({
        backend,
        kills,
        seed: 20261205,
        runUrl: inject('postgresUrl'),
        spec: standardScenario,
        pgRestart: full && backend === 'postgres',
        xeroBurst: true,
      });
      recordFigures(`chaos-${backend}`, figures);
      expect(figures.kills).toBe(kills);
      expect(figures.problems).toEqual([]);
      expect(figures.differences).toEqual([]);
      expect({ lost: figures.lost, duplicates: figures.duplicates }).toEqual({ lost: 0, duplicates: 0 });
    }, 900_000);
  },
);
