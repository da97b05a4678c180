/**
 * Liveness: is this process still making progress? `/readyz` says whether dependencies answer;
 * `/healthz` says whether the process is wedged — a database statement that never returns (PGlite's
 * one session held forever), or a worker that takes no job while jobs are due — so that a liveness
 * probe restarts it. An error answer is progress (the database is down, not wedged: readiness says so).
 */
export type LivenessSource = 'worker';

export type LivenessReport = {
  readonly live: boolean;
  readonly reasons: readonly string[];
  /** Jobs due at the last sample; undefined before the first answer. */
  readonly pendingJobs: number | undefined;
};

export type Liveness = {
  /** A source this process runs; only expected sources can stall. */
  expect(source: LivenessSource): void;
  progress(source: LivenessSource): void;
  /** A sample of the database began (one at a time). */
  sampleStarted(): boolean;
  /** The sample answered: the jobs due, or undefined when it failed. */
  sampleAnswered(pendingJobs: number | undefined): void;
  report(): LivenessReport;
};

export function createLiveness(input: { stallMs: number; clock?: () => number }): Liveness {
  const now = input.clock ?? Date.now;
  const expected = new Set<LivenessSource>();
  const lastProgress = new Map<LivenessSource, number>();
  let sampleSince: number | undefined;
  let pendingJobs: number | undefined;
  // When work became due: an idle worker is not stalled the moment an order arrives.
  let pendingSince: number | undefined;

  return {
    expect(source) {
      expected.add(source);
      lastProgress.set(source, now());
    },
    progress(source) {
      lastProgress.set(source, now());
    },
    sampleStarted() {
      if (sampleSince !== undefined) return false;
      sampleSince = now();
      return true;
    },
    sampleAnswered(pending) {
      sampleSince = undefined;
      if (pending === undefined) return;
      if (pending > 0 && !(pendingJobs && pendingJobs > 0)) pendingSince = now();
      if (pending === 0) pendingSince = undefined;
      pendingJobs = pending;
    },
    report() {
      const at = now();
      const reasons: string[] = [];
      if (sampleSince !== undefined && at - sampleSince > input.stallMs) {
        reasons.push(`the database has not answered for ${Math.round((at - sampleSince) / 1000)} s`);
      }
      for (const source of expected) {
        if (!pendingJobs || pendingSince === undefined) continue;
        const idleSince = Math.max(lastProgress.get(source) ?? 0, pendingSince);
        if (at - idleSince > input.stallMs) {
          reasons.push(
            `the ${source} has taken no job for ${Math.round((at - idleSince) / 1000)} s while ${jobsDue(pendingJobs)}`,
          );
        }
      }
      return { live: reasons.length === 0, reasons, pendingJobs };
    },
  };
}

const jobsDue = (n: number) => (n === 1 ? '1 job is due' : `${n} jobs are due`);
