// The sandbox's notion of "now": wall time plus an offset that admin `advance` moves forward.
// Timers scheduled on it fire when the sandbox time reaches them, by real waiting or by an advance.
export type SandboxClock = {
  now(): number;
  advance(ms: number): number;
  schedule(at: number, task: () => void): () => void;
  dispose(): void;
};

type Timer = { at: number; task: () => void; cancelled: boolean };

const MAX_TIMEOUT = 2_147_483_647;

export function createSandboxClock(options: { startAt?: number } = {}): SandboxClock {
  let offset = options.startAt === undefined ? 0 : options.startAt - Date.now();
  const timers: Timer[] = [];
  let handle: NodeJS.Timeout | undefined;
  let disposed = false;

  const now = () => Date.now() + offset;

  function runDue(): void {
    const current = now();
    const due = timers.filter((timer) => !timer.cancelled && timer.at <= current);
    for (const timer of due) timers.splice(timers.indexOf(timer), 1);
    for (const timer of due) timer.task();
    arm();
  }

  function arm(): void {
    if (handle) clearTimeout(handle);
    handle = undefined;
    if (disposed) return;
    const live = timers.filter((timer) => !timer.cancelled);
    if (live.length === 0) return;
    const next = Math.min(...live.map((timer) => timer.at));
    handle = setTimeout(runDue, Math.min(Math.max(next - now(), 0), MAX_TIMEOUT));
    handle.unref();
  }

  return {
    now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the sandbox clock only moves forward');
      offset += ms;
      runDue();
      return now();
    },
    schedule(at, task) {
      const timer: Timer = { at, task, cancelled: false };
      timers.push(timer);
      arm();
      return () => {
        timer.cancelled = true;
      };
    },
    dispose() {
      disposed = true;
      if (handle) clearTimeout(handle);
      timers.length = 0;
    },
  };
}
