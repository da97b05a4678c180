import { describe, expect, it } from 'vitest';
import { fairCompletions, jain } from './fair-share.ts';

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
});
