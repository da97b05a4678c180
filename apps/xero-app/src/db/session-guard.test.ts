import { describe, expect, it } from 'vitest';
import { createSessionGuard, guardBuilder, SessionReentrancyError } from './session-guard.ts';

describe('session guard', () => {
  it('lets a context that holds nothing acquire', () => {
    const guard = createSessionGuard();
    expect(() => guard.assertFree('A query')).not.toThrow();
  });

  it('refuses, by name, an acquisition from the context that holds the session', async () => {
    const guard = createSessionGuard();
    await guard.hold(async () => {
      const release = guard.claim();
      expect(() => guard.assertFree('A query')).toThrow(SessionReentrancyError);
      expect(() => guard.assertFree('A query')).toThrow(/inside db\.transaction\(\).*trx/);
      release();
      expect(() => guard.assertFree('A query')).not.toThrow();
    });
  });

  it('refuses from a context nested inside a holder, and from work it started before releasing', async () => {
    const guard = createSessionGuard();
    let later: Promise<void> = Promise.resolve();
    await guard.hold(async () => {
      const release = guard.claim();
      await expect(guard.hold(async () => guard.assertFree('A nested transaction'))).rejects.toThrow(
        /A nested transaction/,
      );
      const started = new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() =>
        guard.assertFree('A late query'),
      );
      await expect(started).rejects.toThrow(SessionReentrancyError);
      // Work that outlives the transaction may use the handle once the session is released.
      later = new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() => guard.assertFree('After'));
      release();
    });
    await expect(later).resolves.toBeUndefined();
  });

  it('keeps concurrent holders apart: one holding does not block another context', async () => {
    const guard = createSessionGuard();
    let releaseFirst = () => {};
    const first = guard.hold(async () => {
      releaseFirst = guard.claim();
      await new Promise((r) => setTimeout(r, 10));
    });
    await guard.hold(async () => {
      expect(() => guard.assertFree('A query elsewhere')).not.toThrow();
    });
    await first;
    releaseFirst();
  });

  it('wraps a builder and the builders its setters return', async () => {
    const guard = createSessionGuard();
    const seen: boolean[] = [];
    const make = (): { execute(): Promise<void>; setIsolationLevel(): unknown } => ({
      async execute() {
        const release = guard.claim();
        try {
          guard.assertFree('x');
          seen.push(true);
        } catch {
          seen.push(false);
        }
        release();
      },
      setIsolationLevel: () => make(),
    });
    const builder = guardBuilder(make(), guard);
    await builder.execute();
    await (guardBuilder(make(), guard).setIsolationLevel() as { execute(): Promise<void> }).execute();
    // Inside the guarded execute the claim marks the context, so the check refuses.
    expect(seen).toEqual([false, false]);
  });
});
