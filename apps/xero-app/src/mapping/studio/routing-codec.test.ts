import { describe, expect, it } from 'vitest';
import { decodeRoutingForm, routingSnapshot } from './routing-codec.ts';

const orgs = [
  { id: 'org-au', name: 'Demo AU' },
  { id: 'org-nz', name: 'Demo NZ' },
];

describe('routing rules in the designer form', () => {
  it('becomes ordered rules by their #, spare rows dropped, existing rules keep their ID', () => {
    const decoded = decodeRoutingForm(
      {
        'routing.id': ['r1', '', ''],
        'routing.position': ['2', '1', ''],
        'routing.name': ['Australia', '', ''],
        'routing.kind': ['billing-country', 'currency', 'billing-country'],
        'routing.value': ['AU', 'NZD', ''],
        'routing.organisation': ['org-au', 'org-nz', ''],
      },
      orgs,
    );
    expect(decoded).toEqual({
      ok: true,
      rows: [
        { name: 'Currency NZD', kind: 'currency', value: 'NZD', xeroConnectionId: 'org-nz' },
        { id: 'r1', name: 'Australia', kind: 'billing-country', value: 'AU', xeroConnectionId: 'org-au' },
      ],
    });
    if (decoded.ok)
      expect(routingSnapshot(decoded.rows, orgs)[1]).toEqual({
        name: 'Australia',
        match: 'Billing country',
        value: 'AU',
        organisation: 'Demo AU',
        xeroConnectionId: 'org-au',
      });
  });

  it('names the rule and says what is wrong: a bad country, bad JSONata, no organisation', () => {
    const decoded = decodeRoutingForm(
      {
        'routing.name': ['Oceania', '', 'Big'],
        'routing.kind': ['billing-country', 'condition', 'currency'],
        'routing.value': ['Australia', 'total >', 'AUD'],
        'routing.organisation': ['org-au', 'org-au', ''],
      },
      orgs,
    );
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.errors.map((e) => e.field)).toEqual([
      'routing.0.value',
      'routing.1.value',
      'routing.2.organisation',
    ]);
    expect(decoded.errors[0]?.message).toBe(
      'Routing › rule 1 (Oceania): Billing countries are two-letter codes such as AU, NZ, GB, US.',
    );
    expect(decoded.errors[1]?.message).toMatch(/^Routing › rule 2: The condition is not valid JSONata/);
    expect(decoded.errors[2]?.message).toBe('Routing › rule 3 (Big): choose a connected Xero organisation.');
  });
});
