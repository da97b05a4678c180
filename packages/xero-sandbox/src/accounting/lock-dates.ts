import type { OrgState } from '../state/types.ts';
import { formatLockDate } from '../util/xero-dates.ts';
import { messages } from './messages.ts';

// Lock dates are the last locked day: a document dated on or before one is refused once posted.
export function lockDateErrors(org: OrgState, day: string): string[] {
  const errors: string[] = [];
  const { periodLockDate, endOfYearLockDate } = org.organisation;
  if (periodLockDate !== undefined && day <= periodLockDate) {
    errors.push(messages.periodLockDate(formatLockDate(periodLockDate)));
  }
  if (endOfYearLockDate !== undefined && day <= endOfYearLockDate) {
    errors.push(messages.endOfYearLockDate(formatLockDate(endOfYearLockDate)));
  }
  return errors;
}
