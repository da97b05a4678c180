import { describe, expect, it } from 'vitest';
import { createLiveness } from './liveness.ts';

function clocked(stallMs = 1_000) {
  let t = 0;
  const liveness = createLiveness({ stallMs, clock: () => t });
  return { liveness, advance: (ms: number) => (t += ms) };
}

describe('liveness', () => {
  it('is live with nothing to do, however long it idles', () => {
    const { liveness, advance } = clocked();
    liveness.expect('worker');
    liveness.sampleStarted();
    liveness.sampleAnswered(0);
    advance(60_000);
    expect(liveness.report()).toMatchObject({ live: true, reasons: [], pendingJobs: 0 });
  });

  it('fails when jobs stay due and the worker takes none for longer than the stall time', () => {
    const { liveness, advance } = clocked();
    liveness.expect('worker');
    liveness.sampleStarted();
    liveness.sampleAnswered(3);
    advance(900);
    expect(liveness.report().live).toBe(true);
    advance(200);
    const report = liveness.report();
    expect(report.live).toBe(false);
    expect(report.reasons).toEqual(['the worker has taken no job for 1 s while 3 jobs are due']);
  });

  it('counts from when work became due, not from the last job hours ago', () => {
    const { liveness, advance } = clocked();
    liveness.expect('worker');
    advance(3_600_000);
    liveness.sampleStarted();
    liveness.sampleAnswered(1);
    expect(liveness.report().live).toBe(true);
  });

  it('stays live while the worker keeps taking jobs from a long backlog', () => {
    const { liveness, advance } = clocked();
    liveness.expect('worker');
    for (let i = 0; i < 10; i += 1) {
      liveness.sampleStarted();
      liveness.sampleAnswered(500 - i);
      advance(600);
      liveness.progress('worker');
    }
    expect(liveness.report().live).toBe(true);
  });

  it('does not judge a worker this process does not run', () => {
    const { liveness, advance } = clocked();
    liveness.sampleStarted();
    liveness.sampleAnswered(10);
    advance(10_000);
    expect(liveness.report().live).toBe(true);
  });

  it('fails when a database sample has not answered for longer than the stall time', () => {
    const { liveness, advance } = clocked();
    expect(liveness.sampleStarted()).toBe(true);
    expect(liveness.sampleStarted()).toBe(false);
    advance(1_500);
    expect(liveness.report()).toMatchObject({
      live: false,
      reasons: ['the database has not answered for 2 s'],
    });
  });

  it('takes a failed sample as an answer: a database that is down is not a wedged process', () => {
    const { liveness, advance } = clocked();
    liveness.sampleStarted();
    advance(50);
    liveness.sampleAnswered(undefined);
    advance(5_000);
    expect(liveness.report().live).toBe(true);
  });
});
