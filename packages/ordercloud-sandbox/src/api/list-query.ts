import { ApiError, badRequest } from '../errors.ts';

// OrderCloud list semantics: page/pageSize (max 100), sortBy ("!" = descending), and filters as query
// parameters: exact or wildcard (*), comparisons (> < >= <=), negation (!), alternatives (a|b), xp.* paths.
export type Query = Readonly<Record<string, readonly string[]>>;
export type Json = Record<string, unknown>;
export type ListPage<T> = {
  Items: T[];
  Meta: {
    Page: number;
    PageSize: number;
    TotalCount: number;
    TotalPages: number;
    ItemRange: [number, number];
  };
};

const reserved = new Set([
  'page',
  'pagesize',
  'sortby',
  'search',
  'searchon',
  'searchtype',
  'from',
  'to',
  'buyerid',
  'supplierid',
  'depth',
]);

export function firstParam(query: Query, name: string): string | undefined {
  const entry = Object.entries(query).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry?.[1][0];
}

function readPath(item: Json, path: string): unknown {
  let current: unknown = item;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    const record = current as Record<string, unknown>;
    const key = Object.keys(record).find((k) => k.toLowerCase() === segment.toLowerCase());
    current = key === undefined ? undefined : record[key];
  }
  return current;
}

function asComparable(value: unknown, probe: string): number | string | undefined {
  if (typeof value === 'number') {
    const n = Number(probe);
    return Number.isNaN(n) ? undefined : n;
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && /^\d{4}-\d{2}-\d{2}/.test(probe)) {
    const t = Date.parse(probe);
    return Number.isNaN(t) ? undefined : t;
  }
  return probe.toLowerCase();
}

function itemComparable(value: unknown): number | string | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? value.toLowerCase() : t;
  }
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function wildcardMatch(text: string, pattern: string): boolean {
  const escaped = pattern
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`).test(text.toLowerCase());
}

function matchesOne(value: unknown, expression: string): boolean {
  if (expression === '!*') return value === undefined || value === null || value === '';
  if (expression.startsWith('!')) return !matchesOne(value, expression.slice(1));
  const comparison = /^(>=|<=|>|<)(.*)$/.exec(expression);
  if (comparison) {
    const [, op, probe = ''] = comparison;
    const left = itemComparable(value);
    const right = asComparable(value, probe);
    if (left === undefined || right === undefined || typeof left !== typeof right) return false;
    if (op === '>') return left > right;
    if (op === '<') return left < right;
    if (op === '>=') return left >= right;
    return left <= right;
  }
  if (value === undefined || value === null) return expression === '';
  if (typeof value === 'boolean') return String(value) === expression.toLowerCase();
  if (typeof value === 'number') return value === Number(expression);
  if (typeof value === 'string') {
    if (expression.includes('*')) return wildcardMatch(value, expression);
    const left = itemComparable(value);
    const right = asComparable(value, expression);
    return left === right;
  }
  if (Array.isArray(value)) return value.some((v) => matchesOne(v, expression));
  return false;
}

function matches(item: Json, path: string, expression: string): boolean {
  const value = readPath(item, path);
  return expression.split('|').some((alternative) => matchesOne(value, alternative));
}

function compareValues(a: unknown, b: unknown): number {
  const x = itemComparable(a);
  const y = itemComparable(b);
  if (x === y) return 0;
  if (x === undefined) return 1;
  if (y === undefined) return -1;
  return x < y ? -1 : 1;
}

export function listItems<T extends Json>(input: {
  items: readonly T[];
  query: Query;
  fields: readonly string[];
  defaultPageSize?: number;
}): ListPage<T> {
  const known = new Set(input.fields.map((f) => f.toLowerCase()));
  const checkPath = (path: string) => {
    const top = path.split('.')[0]?.toLowerCase() ?? '';
    if (top !== 'xp' && !known.has(top)) {
      throw badRequest('List.InvalidProperty', `Property does not exist: ${path}`, { Property: path });
    }
  };
  let items = [...input.items];
  for (const [key, values] of Object.entries(input.query)) {
    if (reserved.has(key.toLowerCase())) continue;
    checkPath(key);
    for (const value of values) items = items.filter((item) => matches(item, key, value));
  }
  const sortBy = firstParam(input.query, 'sortBy');
  if (sortBy) {
    const keys = sortBy
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    for (const key of keys) checkPath(key.replace(/^!/, ''));
    items.sort((a, b) => {
      for (const key of keys) {
        const descending = key.startsWith('!');
        const path = key.replace(/^!/, '');
        const result = compareValues(readPath(a, path), readPath(b, path));
        if (result !== 0) return descending ? -result : result;
      }
      return 0;
    });
  }
  const page = parsePositive(firstParam(input.query, 'page'), 1, 'page');
  const pageSize = parsePositive(
    firstParam(input.query, 'pageSize'),
    input.defaultPageSize ?? 20,
    'pageSize',
  );
  if (pageSize > 100) throw badRequest('InvalidRequest', 'pageSize must be between 1 and 100', { pageSize });
  const totalCount = items.length;
  const start = (page - 1) * pageSize;
  const pageItems = items.slice(start, start + pageSize);
  return {
    Items: pageItems,
    Meta: {
      Page: page,
      PageSize: pageSize,
      TotalCount: totalCount,
      TotalPages: Math.ceil(totalCount / pageSize),
      ItemRange: [pageItems.length ? start + 1 : 0, start + pageItems.length],
    },
  };
}

function parsePositive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ApiError(400, 'InvalidRequest', `${name} must be a positive integer`, { [name]: value });
  return n;
}

// A list over records whose full view is costly (an order is priced to be shown). When every filter and
// sort key is one of the cheap projection's fields, the list filters, sorts and pages the projections
// and builds the full view for the page only; otherwise it views every record, as before. The
// projection must give the same value as the view for each of its fields (order-view.test.ts checks).
export function listViewed<R, T extends Json>(input: {
  records: readonly R[];
  query: Query;
  fields: readonly string[];
  cheap: (record: R) => Json;
  view: (record: R) => T;
  defaultPageSize?: number;
}): ListPage<T> {
  const first = input.records[0];
  const cheapTop = new Set(
    first === undefined ? [] : Object.keys(input.cheap(first)).map((f) => f.toLowerCase()),
  );
  const top = (path: string) => path.replace(/^!/, '').split('.')[0]?.toLowerCase() ?? '';
  const sortKeys = (firstParam(input.query, 'sortBy') ?? '').split(',').filter((k) => k.trim() !== '');
  const keys = [...Object.keys(input.query).filter((k) => !reserved.has(k.toLowerCase())), ...sortKeys];
  if (!keys.every((key) => cheapTop.has(top(key.trim())))) {
    return listItems({ ...input, items: input.records.map(input.view) });
  }
  const recordOf = new Map<Json, R>();
  const projections = input.records.map((record) => {
    const projection = input.cheap(record);
    recordOf.set(projection, record);
    return projection;
  });
  const page = listItems({ ...input, items: projections });
  return { ...page, Items: page.Items.map((p) => input.view(recordOf.get(p) as R)) };
}

const datePrefix = /^\d{4}-\d{2}-\d{2}/;
const plain = (value: string) => value !== '' && !/[*!<>]/.test(value) && !datePrefix.test(value);

// The values a filter on `field` asks a record to equal, when it is plain values (`a` or `a|b`): no
// wildcard, negation, comparison or date (whose matches are not plain equality). A record whose field is
// none of them, case aside, cannot match, so a list may set such records aside before the general filter
// runs on the rest (a worker asks for one order's returns out of thousands).
export function exactFilter(query: Query, field: string): ReadonlySet<string> | undefined {
  const values = Object.entries(query).find(([key]) => key.toLowerCase() === field.toLowerCase())?.[1];
  const exact = values?.find((value) => value.split('|').every(plain));
  return exact === undefined ? undefined : new Set(exact.toLowerCase().split('|'));
}
