import { describe, expect, it } from 'vitest';
import { simplePdf } from './invoice-pdf.ts';

describe('simplePdf', () => {
  it('writes a PDF whose cross-reference table points at its objects', () => {
    const bytes = simplePdf(['Demo Company (AU)', 'TAX INVOICE INV-0001', 'Total AUD 49.00 (x)']);
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets.map((offset) => text.slice(offset, offset + 8))).toEqual(
      offsets.map((_, i) => `${i + 1} 0 obj\n`),
    );
    expect(text).toContain('(Total AUD 49.00 \\(x\\)) Tj');
  });
});
