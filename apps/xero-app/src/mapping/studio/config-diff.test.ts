import { describe, expect, it } from 'vitest';
import { diffConfigs, labelOf } from './config-diff.ts';

describe('diffConfigs', () => {
  it('lists each changed, added and removed setting with a readable label', () => {
    const before = { accounts: { sales: '200', rules: [] }, tax: { byClass: { GST: 'OUTPUT' } } };
    const after = {
      accounts: { sales: '260', rules: [{ category: 'Gift cards', account: '835' }] },
      tax: { byClass: { FREE: 'EXEMPTOUTPUT' } },
    };
    expect(diffConfigs(before, after)).toEqual([
      {
        path: 'accounts.rules.0.account',
        label: 'Accounts › rules › #1 › account',
        before: undefined,
        after: '835',
      },
      {
        path: 'accounts.rules.0.category',
        label: 'Accounts › rules › #1 › category',
        before: undefined,
        after: 'Gift cards',
      },
      { path: 'accounts.sales', label: 'Accounts › sales', before: '200', after: '260' },
      { path: 'tax.byClass.FREE', label: 'Tax › by class › FREE', before: undefined, after: 'EXEMPTOUTPUT' },
      { path: 'tax.byClass.GST', label: 'Tax › by class › GST', before: 'OUTPUT', after: undefined },
    ]);
  });

  it('finds nothing between equal mappings', () => {
    const config = { invoice: { dueInDays: 0, draftRules: [] } };
    expect(diffConfigs(config, structuredClone(config))).toEqual([]);
    expect(labelOf('writeBack.paidStatus')).toBe('Write-back › paid status');
  });
});
