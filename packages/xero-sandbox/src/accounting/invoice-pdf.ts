import { formatFixed4 } from '../money/fixed4.ts';
import type { InvoiceRecord, OrgState } from '../state/types.ts';

// GET /Invoices/{InvoiceID} with `Accept: application/pdf` (operation getInvoiceAsPdf in Xero's
// accounting OpenAPI: 200, application/pdf, binary). Xero renders the invoice with the org's branding
// theme; the sandbox renders a one-page PDF with the same facts (a guess at the layout, not at the data).

export function invoicePdf(org: OrgState, invoice: InvoiceRecord): Uint8Array {
  const contact = org.contacts.get(invoice.contactId);
  const lines = [
    org.organisation.name,
    `${invoice.type === 'ACCREC' ? 'TAX INVOICE' : 'BILL'} ${invoice.invoiceNumber}`,
    `To: ${contact?.name ?? ''}`,
    `Date: ${invoice.date}${invoice.dueDate ? `   Due: ${invoice.dueDate}` : ''}`,
    `Reference: ${invoice.reference}`,
    ...invoice.lines.map((l) => `${l.description ?? ''}  ${formatFixed4(l.lineAmount, 2)}`),
    `Total ${invoice.currencyCode} ${formatFixed4(invoice.total, 2)}`,
    `Amount due ${invoice.currencyCode} ${formatFixed4(invoice.amountDue, 2)}`,
    `Status: ${invoice.status}`,
  ];
  return simplePdf(lines);
}

/** A minimal PDF 1.4 document: one page, Helvetica text lines, a correct cross-reference table. */
export function simplePdf(lines: readonly string[]): Uint8Array {
  const pdfText = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
  const text = lines
    .map((l, i) => `BT /F1 ${i < 2 ? 14 : 11} Tf 50 ${790 - i * 20} Td (${pdfText(l)}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}
