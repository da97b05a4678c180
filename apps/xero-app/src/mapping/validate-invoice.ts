import type { InvoiceDraft, ReferenceData } from '@ledgerbridge/canonical';

const salesTypes = new Set(['REVENUE', 'SALES', 'OTHERINCOME']);
const liabilityTypes = new Set(['CURRLIAB', 'LIABILITY', 'TERMLIAB']);

/**
 * Everything Xero would refuse, found before anything is sent, in words a bookkeeper understands.
 * An empty list means the draft fits the org's reference data.
 */
export function validateInvoiceDraft(input: {
  draft: Omit<InvoiceDraft, 'contactId' | 'status'>;
  reference: ReferenceData;
  pendingItemCodes?: readonly string[];
  liabilityAccount?: string;
}): string[] {
  const { draft, reference } = input;
  const problems = new Set<string>();
  const org = reference.organisation;
  if (draft.currency !== org.baseCurrency && !reference.currencies.includes(draft.currency)) {
    problems.add(
      `The currency ${draft.currency} is not enabled in ${org.name}; enable it in Xero or set a conversion rate in the mapping.`,
    );
  }
  if (org.lockDate && draft.date <= org.lockDate) {
    problems.add(
      `The order date ${draft.date} is on or before the period lock date ${org.lockDate} in Xero.`,
    );
  }
  for (const line of draft.lines) {
    const account = reference.accounts.find((a) => a.code === line.accountCode);
    if (!account) {
      problems.add(`Account code ${line.accountCode} does not exist in Xero (line “${line.description}”).`);
    } else if (!account.active) {
      problems.add(
        `Account ${account.code} (${account.name}) is archived in Xero; choose an active account in the mapping.`,
      );
    } else if (account.systemAccount) {
      problems.add(
        `Account ${account.code} (${account.name}) is one of Xero's system accounts and cannot be used on an invoice line; choose another in the mapping.`,
      );
    } else if (account.type === 'BANK') {
      problems.add(
        `Account ${account.code} (${account.name}) is a bank account and cannot be used on an invoice line.`,
      );
    } else if (
      line.accountCode === input.liabilityAccount
        ? !liabilityTypes.has(account.type)
        : !salesTypes.has(account.type) && !/rounding/i.test(account.name)
    ) {
      problems.add(
        `Account ${account.code} (${account.name}) is a ${account.type} account, not a revenue account (line “${line.description}”).`,
      );
    }
    const rate = reference.taxRates.find((t) => t.taxType === line.taxType);
    if (!rate) problems.add(`Tax type ${line.taxType} does not exist in Xero (line “${line.description}”).`);
    else if (!rate.active) problems.add(`Tax rate ${rate.name} (${rate.taxType}) is archived in Xero.`);
    else if (!rate.canApplyToRevenue)
      problems.add(`Tax rate ${rate.name} (${rate.taxType}) cannot be used on sales.`);
    if (line.tracking.length > 2)
      problems.add(`Line “${line.description}” has more than two tracking categories.`);
    for (const t of line.tracking) {
      const category = reference.trackingCategories.find((c) => c.name === t.category);
      if (!category?.active)
        problems.add(`Tracking category “${t.category}” does not exist or is archived in Xero.`);
      else if (!category.options.some((o) => o.name === t.option && o.active)) {
        problems.add(`Tracking option “${t.option}” does not exist in category “${t.category}” in Xero.`);
      }
    }
    if (
      line.itemCode &&
      !reference.itemCodes.includes(line.itemCode) &&
      !input.pendingItemCodes?.includes(line.itemCode)
    ) {
      problems.add(
        `Item ${line.itemCode} does not exist in Xero; create it or turn on “create missing items”.`,
      );
    }
  }
  return [...problems];
}
