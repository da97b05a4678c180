import { describe, expect, it } from 'vitest';
import { fairCompletions, jain, jainByRounds, jainWhileAllBacklogged } from './fair-share.ts';

describe('fair share', () => {
  it('clears equal backlogs together, at the shared rate', () => {
    expect(fairCompletions({ demands: [2, 2, 2, 2], ratePerMs: 1, capPerMs: 10 })).toEqual([8, 8, 8, 8]);
  });

  it('clears small backlogs first; the rate they leave goes to the rest', () => {
    // Two tenants at 1/2 each: the one with 1 call is done at 2; the other has 2 left alone, done at 4.
    expect(fairCompletions({ demands: [3, 1], ratePerMs: 1, capPerMs: 10 })).toEqual([4, 2]);
  });

  it('never gives a tenant more than its own cap', () => {
    // Alone, a tenant with 4 calls at a cap of 1 takes 4, though the app could do 100.
    expect(fairCompletions({ demands: [4], ratePerMs: 100, capPerMs: 1 })).toEqual([4]);
  });

  it.each([
    { values: [3, 3, 3], index: 1 },
    { values: [1, 0, 0, 0], index: 0.25 },
    { values: [2, 1], index: 0.9 },
    { values: [0, 0], index: 1 },
  ])('Jain of $values is $index', ({ values, index }) => {
    expect(jain(values)).toBeCloseTo(index, 6);
  });

  it('matches a hand count of processor sharing with a cap: three tenants, one capped', () => {
    // Rate 3 shared by three (1 each) but capped at 0.5: the capped rate holds while all are active.
    // demands [1, 2, 4]: at 0.5 each, the first clears at 2; two left at 0.5 each (cap), the second has 1
    // left: clears at 4; the last has 4 - 2 = 2 left alone at 0.5: clears at 8.
    expect(fairCompletions({ demands: [4, 1, 2], ratePerMs: 3, capPerMs: 0.5 })).toEqual([8, 2, 4]);
  });

  it('counts fairness only while every tenant had backlog: up to the first one done', () => {
    // Round robin: each got its first call before anyone its second; the first to clear (two calls)
    // ends the window, one call over the others.
    expect(
      jainWhileAllBacklogged([
        [1, 4],
        [2, 5, 7],
        [3, 6],
      ]),
    ).toBeCloseTo(16 / (3 * 6), 6);
    // One tenant served twice before the others were served once: unfair, and counted so.
    expect(
      jainWhileAllBacklogged([
        [1, 2],
        [5, 6],
        [7, 8],
      ]),
    ).toBeCloseTo(0.333333, 5);
    // After the window, what the others got does not count.
    expect(
      jainWhileAllBacklogged([
        [1, 2],
        [3, 9, 10, 11],
        [4, 12],
      ]),
    ).toBe(jainWhileAllBacklogged([[1, 2], [3], [4]]));
  });

  it('counts fairness round by round: one-call tenants served in turn are fair', () => {
    // Demands 1, 2, 1 served in turn: round one (3 calls) gives each one; round two, the one tenant left.
    expect(jainByRounds([[1], [2, 4], [3]], [1, 2, 1])).toBe(1);
    // The index up to the first one cleared sees only the very first call.
    expect(jainWhileAllBacklogged([[1], [2, 4], [3]])).toBeCloseTo(1 / 3, 6);
  });

  it('counts a tenant served twice while others waited, in its round', () => {
    // Round one (3 calls): tenant 0 got two, tenant 1 one, tenant 2 none: Jain 9 / (3 * 5) = 0.6.
    // Round two: tenants 1 and 2 left, one call each: 1. Weighted by calls: (0.6 * 3 + 1 * 2) / 5.
    expect(jainByRounds([[1, 2], [3, 5], [4]], [2, 2, 1])).toBeCloseTo((0.6 * 3 + 2) / 5, 6);
  });

  it('is 1 with no calls, and ignores tenants with no backlog', () => {
    expect(jainByRounds([[], []], [0, 0])).toBe(1);
    expect(jainByRounds([[1], [], [2]], [1, 0, 1])).toBe(1);
  });
});
