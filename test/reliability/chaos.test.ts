import { describe, expect, inject, it } from 'vitest';
import { standardScenario } from '../support/fault-scenario.ts';
import { runChaos } from './chaos-run.ts';
import { budget, recordFigures } from './figures.ts';

// CI: two SIGKILLs on PostgreSQL on the standard orders, with the Xero 5xx burst; `pnpm reliability`
// raises CHAOS_KILLS to 20, runs PGlite too and adds a PostgreSQL restart. PGlite stays out of CI
// until the open finding of decision 0077 (a batch answered 500 on every resend under one key after
// a kill, on PGlite) is diagnosed: it fails there now and then, and CI must say something definite.
const kills = budget('CHAOS_KILLS', 2);
const full = kills >= 20;
const backends = full ? (['postgres', 'pglite'] as const) : (['postgres'] as const);

describe.each(backends)('chaos on %s: processes SIGKILLed during a live order flow', (backend) => {
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
});
