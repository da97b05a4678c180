import type { AlertCandidate } from './alert-kinds.ts';
import type { AlertSignals } from './alert-signals.ts';
import { attentionAlerts } from './detectors/attention-alerts.ts';
import { bannerAlerts } from './detectors/banner-alerts.ts';
import { deadLetterAlerts } from './detectors/dead-letter-alerts.ts';
import { tokenExpiryAlerts } from './detectors/token-expiry-alerts.ts';
import { tokenRefreshAlerts } from './detectors/token-refresh-alerts.ts';

const detectors = [
  deadLetterAlerts,
  attentionAlerts,
  bannerAlerts,
  tokenRefreshAlerts,
  tokenExpiryAlerts,
] as const;

/** Every alert candidate one check finds, events first. */
export function detectAlerts(signals: AlertSignals): AlertCandidate[] {
  return detectors.flatMap((detect) => detect(signals));
}
