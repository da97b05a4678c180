import { createRandom } from './prng.ts';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// OrderCloud generates 22-character IDs; the simulator makes them from a seeded stream so a run is
// reproducible, and skips any ID already taken by a caller-chosen one.
export type IdGenerator = { next(taken?: (id: string) => boolean): string };

export function createIdGenerator(seed: number): IdGenerator {
  const random = createRandom(seed);
  return {
    next(taken) {
      for (;;) {
        let id = '';
        for (let i = 0; i < 22; i += 1) id += alphabet[Math.floor(random.next() * alphabet.length)];
        if (!taken?.(id)) return id;
      }
    },
  };
}
