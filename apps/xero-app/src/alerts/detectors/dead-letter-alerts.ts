import type { AlertCandidate } from '../alert-kinds.ts';
import type { AlertSignals } from '../alert-signals.ts';

/** New dead letters since the previous check, as one alert however many there are. */
export function deadLetterAlerts(signals: AlertSignals): AlertCandidate[] {
  const letters = signals.newDeadLetters;
  const first = letters[0];
  if (!first) return [];
  const more = letters.length > 1 ? ` and ${letters.length - 1} more` : '';
  return [
    {
      kind: 'dead-letter',
      key: 'dead-letter',
      title:
        letters.length === 1
          ? 'A job failed after every retry'
          : `${letters.length} jobs failed after every retry`,
      message: `${first.summary}: ${first.error}${more}. Fix the cause, then replay them.`,
      href: '/console/dead-letters',
      count: letters.length,
      ongoing: false,
    },
  ];
}
