/**
 * Why an order needs the merchant, as a code the console filters and retries by, with a hint in the
 * merchant's words and where it is fixed. One row per reason: the first whose pattern matches the
 * message wins (messages come from validate-invoice.ts, Xero's validation texts and the write-backs).
 */
export type AttentionReasonCode =
  | 'lock-date'
  | 'currency'
  | 'account'
  | 'tax'
  | 'tracking'
  | 'item'
  | 'voided-in-xero'
  | 'ordercloud'
  | 'xero-refused'
  | 'other';

export type FixPlace = 'xero-settings' | 'xero-currencies' | 'mapping' | 'order' | 'ordercloud';

export type AttentionReason = {
  readonly code: AttentionReasonCode;
  readonly label: string;
  readonly hint: string;
  readonly fixAt: FixPlace;
  /** Re-checked by itself when the org's settings or the mapping change. */
  readonly recheckOn: 'org' | 'mapping' | null;
  /** A retry can help once the cause is fixed (a void by hand is a decision, not a fault). */
  readonly retryable: boolean;
};

const reasons: ReadonlyArray<AttentionReason & { readonly pattern: RegExp }> = [
  {
    code: 'lock-date',
    pattern: /lock date/i,
    label: 'Period locked in Xero',
    hint: 'Unlock the period in Xero › Settings › Advanced › Financial settings (lock dates), then retry.',
    fixAt: 'xero-settings',
    recheckOn: 'org',
    retryable: true,
  },
  {
    code: 'currency',
    pattern: /currency \w{3} is not enabled|currency.*not (enabled|valid)/i,
    label: 'Currency not enabled in Xero',
    hint: 'Add the currency in Xero › Settings › Currencies, or set a conversion rate in the mapping, then retry.',
    fixAt: 'xero-currencies',
    recheckOn: 'org',
    retryable: true,
  },
  {
    code: 'tax',
    pattern: /tax (type|rate)/i,
    label: 'Tax code not mapped',
    hint: 'Map the tax code to an active Xero tax rate for sales in the studio, then retry.',
    fixAt: 'mapping',
    recheckOn: 'mapping',
    retryable: true,
  },
  {
    code: 'tracking',
    pattern: /tracking (category|option|categories)/i,
    label: 'Tracking not found in Xero',
    hint: 'Add the tracking option in Xero › Accounting › Advanced › Tracking categories, or change the mapping, then retry.',
    fixAt: 'mapping',
    recheckOn: 'mapping',
    retryable: true,
  },
  {
    code: 'item',
    pattern: /\bitem\b.*does not exist|create missing items/i,
    label: 'Product not in Xero',
    hint: 'Create the item in Xero or turn on “create missing items” in the mapping, then retry.',
    fixAt: 'mapping',
    recheckOn: 'mapping',
    retryable: true,
  },
  {
    code: 'account',
    pattern: /account( code)? \S+/i,
    label: 'Account not usable',
    hint: 'Choose an active revenue account in the mapping (or un-archive it in Xero), then retry.',
    fixAt: 'mapping',
    recheckOn: 'mapping',
    retryable: true,
  },
  {
    code: 'voided-in-xero',
    pattern: /voided in xero/i,
    label: 'Invoice voided in Xero',
    hint: 'Someone voided the invoice in Xero. If the sale stands, raise a new invoice in Xero (a voided one cannot be reopened); if not, cancel the order in OrderCloud.',
    fixAt: 'order',
    recheckOn: null,
    retryable: false,
  },
  {
    code: 'ordercloud',
    pattern: /^OrderCloud:/,
    label: 'OrderCloud refused',
    hint: 'Check the order and the marketplace connection in OrderCloud, then retry.',
    fixAt: 'ordercloud',
    recheckOn: null,
    retryable: true,
  },
  {
    code: 'xero-refused',
    pattern: /^Xero refused/i,
    label: 'Xero refused the document',
    hint: 'Read Xero’s reason on the order, fix it in Xero or in the mapping, then retry.',
    fixAt: 'order',
    recheckOn: null,
    retryable: true,
  },
];

const other: AttentionReason = {
  code: 'other',
  label: 'Needs a look',
  hint: 'Open the order and read its timeline; retry once the cause is fixed.',
  fixAt: 'order',
  recheckOn: null,
  retryable: true,
};

const byCode = new Map<string, AttentionReason>([
  ...reasons.map((r) => [r.code, r] as const),
  ['other', other],
]);

/** The reason behind a message; "Xero refused …" messages are classified by Xero's own words first. */
export function classifyAttention(message: string | null | undefined): AttentionReason {
  if (!message) return other;
  const inner = message.replace(/^Xero refused the [\w-]+: /i, '');
  const found = reasons.find((r) => r.code !== 'xero-refused' && r.pattern.test(inner));
  if (found) return strip(found);
  const refused = reasons.find((r) => r.pattern.test(message));
  return refused ? strip(refused) : other;
}

export function attentionReason(code: string | null | undefined): AttentionReason {
  return byCode.get(code ?? 'other') ?? other;
}

export const attentionReasonCodes = [...byCode.keys()] as readonly string[];

function strip(r: AttentionReason & { pattern?: RegExp }): AttentionReason {
  const { pattern: _pattern, ...reason } = r;
  return reason;
}
