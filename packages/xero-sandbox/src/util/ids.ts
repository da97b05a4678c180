import { createHash, randomBytes } from 'node:crypto';

function formatUuid(bytes: Buffer): string {
  const copy = Buffer.from(bytes.subarray(0, 16));
  copy[6] = ((copy[6] ?? 0) & 0x0f) | 0x40;
  copy[8] = ((copy[8] ?? 0) & 0x3f) | 0x80;
  const hex = copy.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// The same text always gives the same v4-shaped UUID: seeded orgs keep their IDs across runs.
export function uuidFromSeed(text: string): string {
  return formatUuid(createHash('sha256').update(text).digest());
}

export type IdSource = {
  uuid(kind: string): string;
  secret(bytes?: number): string;
};

// With a seed, document IDs are reproducible for a given sequence of calls; secrets are always random.
export function createIdSource(seed?: string): IdSource {
  let counter = 0;
  return {
    uuid(kind) {
      counter += 1;
      if (seed === undefined) return formatUuid(randomBytes(16));
      return uuidFromSeed(`${seed}:${kind}:${counter}`);
    },
    secret(bytes = 32) {
      return randomBytes(bytes).toString('hex');
    },
  };
}

export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
