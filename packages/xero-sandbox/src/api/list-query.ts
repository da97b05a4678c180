import type { Context } from 'hono';
import { parseWhere } from '../accounting/where-filter.ts';
import { parseHttpDate } from '../util/xero-dates.ts';
import type { Pagination } from './envelope.ts';

export type ListSource<T> = {
  records: T[];
  view(record: T): Record<string, unknown>;
  updatedAt(record: T): number;
};

export type ListResult<T> = { records: T[]; pagination?: Pagination; paged: boolean };

function csv(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
}

export function csvQuery(c: Context, name: string): string[] | undefined {
  const direct = c.req.query(name);
  if (direct !== undefined) return csv(direct);
  const key = Object.keys(c.req.query()).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : csv(c.req.query(key));
}

function sortKey(value: unknown): string | number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const msDate = /^\/Date\((-?\d+)/.exec(value);
    return msDate?.[1] ? Number(msDate[1]) : value.toLowerCase();
  }
  return value === true ? 1 : value === false ? 0 : '';
}

function applyOrder<T>(records: T[], view: (record: T) => Record<string, unknown>, order: string): T[] {
  const keys = order.split(',').map((part) => {
    const [field = '', direction = 'ASC'] = part.trim().split(/\s+/);
    return { field, descending: direction.toUpperCase() === 'DESC' };
  });
  const views = new Map(records.map((record) => [record, view(record)]));
  return [...records].sort((a, b) => {
    for (const { field, descending } of keys) {
      const left = sortKey(views.get(a)?.[field]);
      const right = sortKey(views.get(b)?.[field]);
      if (left === right) continue;
      const result = left < right ? -1 : 1;
      return descending ? -result : result;
    }
    return 0;
  });
}

// where / order / If-Modified-Since / page+pageSize, in Xero's order of application.
export function applyListQuery<T>(c: Context, source: ListSource<T>): ListResult<T> {
  let records = source.records;
  const since = parseHttpDate(c.req.header('if-modified-since'));
  if (since !== undefined) records = records.filter((record) => source.updatedAt(record) >= since);
  const where = c.req.query('where');
  if (where !== undefined && where.trim() !== '') {
    const predicate = parseWhere(where);
    records = records.filter((record) => predicate(source.view(record)));
  }
  const order = c.req.query('order');
  if (order !== undefined && order.trim() !== '') records = applyOrder(records, source.view, order);
  const pageText = c.req.query('page');
  if (pageText === undefined) return { records, paged: false };
  const page = Math.max(Number.parseInt(pageText, 10) || 1, 1);
  const pageSize = Math.min(Math.max(Number.parseInt(c.req.query('pageSize') ?? '100', 10) || 100, 1), 1000);
  const itemCount = records.length;
  return {
    records: records.slice((page - 1) * pageSize, page * pageSize),
    paged: true,
    pagination: { page, pageSize, pageCount: Math.ceil(itemCount / pageSize), itemCount },
  };
}

export function unitdpOf(c: Context): 2 | 4 {
  return c.req.query('unitdp') === '4' ? 4 : 2;
}

export function boolQuery(c: Context, name: string): boolean {
  return c.req.query(name)?.toLowerCase() === 'true';
}
