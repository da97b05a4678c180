import { describe, expect, it } from 'vitest';
import { choicesFromForm } from './catalog-routes.ts';

describe('choicesFromForm', () => {
  it('reads each product’s item, a typed code over the list, and the items to archive', () => {
    const choices = choicesFromForm({
      _csrf: 't',
      'pair:mug': 'MUG-1',
      'pair:cup': '',
      'pair:lamp': 'LAMP-A',
      'other:lamp': ' LAMP-Z ',
      'other:mug': '',
      archive: ['OLD', 'SERVICE'],
    });
    expect([...choices.pairing]).toEqual([
      ['mug', 'MUG-1'],
      ['cup', null],
      ['lamp', 'LAMP-Z'],
    ]);
    expect([...choices.archive]).toEqual(['OLD', 'SERVICE']);
    expect([...choicesFromForm({ archive: 'OLD' }).archive]).toEqual(['OLD']);
  });
});
