// Readers for loosely typed JSON from clients: Xero ignores unknown fields and coerces little.
export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

export function readString(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function readTrimmed(record: JsonRecord, key: string): string | undefined {
  const value = readString(record, key)?.trim();
  return value === '' ? undefined : value;
}

export function readBoolean(record: JsonRecord, key: string): boolean | undefined {
  const value = record[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function readArray(record: JsonRecord, key: string): unknown[] | undefined {
  const value = record[key];
  return Array.isArray(value) ? value : undefined;
}

export function has(record: JsonRecord, key: string): boolean {
  return record[key] !== undefined && record[key] !== null;
}

// The element list of a batch body: `{Invoices:[...]}`, or a single object for endpoints that take one.
export function batchElements(body: unknown, collection: string): unknown[] | undefined {
  if (!isRecord(body)) return undefined;
  const list = body[collection];
  if (Array.isArray(list)) return list;
  if (list === undefined) return [body];
  return undefined;
}
