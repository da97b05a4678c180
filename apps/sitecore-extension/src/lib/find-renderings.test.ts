import { describe, expect, it } from 'vitest';
import { findRenderings } from './find-renderings.ts';

describe('findRenderings', () => {
  it('finds a component in nested placeholders and skips others', () => {
    const route = {
      name: 'r',
      placeholders: {
        'jss-main': [
          { componentName: 'Hero', uid: 'a' },
          {
            componentName: 'Columns',
            uid: 'b',
            placeholders: { left: [{ componentName: 'XeroOrderStatus', uid: 'c' }] },
          },
          { componentName: 'XeroOrderStatus', uid: 'd' },
        ],
      },
    };
    expect(findRenderings(route, 'XeroOrderStatus').map((r) => r.uid)).toEqual(['c', 'd']);
    expect(findRenderings(null, 'XeroOrderStatus')).toEqual([]);
  });
});
