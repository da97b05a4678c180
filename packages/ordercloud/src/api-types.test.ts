import { describe, expect, it } from 'vitest';
import { listPageSchema, OcOrderSchema, OcUserSchema } from './api-types.ts';

describe('listPageSchema', () => {
  it('is built once per item schema and kept', () => {
    expect(listPageSchema(OcUserSchema)).toBe(listPageSchema(OcUserSchema));
    expect(listPageSchema(OcOrderSchema)).not.toBe(listPageSchema(OcUserSchema));
  });

  it('parses a page of its items and refuses an item of the wrong shape', () => {
    const page = {
      Items: [{ ID: 'u1', Username: 'ann' }],
      Meta: { Page: 1, PageSize: 20, TotalCount: 1, TotalPages: 1 },
    };
    expect(listPageSchema(OcUserSchema).parse(page).Items[0]?.ID).toBe('u1');
    expect(listPageSchema(OcUserSchema).safeParse({ ...page, Items: [{ ID: 42 }] }).success).toBe(false);
  });
});
