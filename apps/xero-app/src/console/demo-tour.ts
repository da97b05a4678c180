// The demo's guided tour: what a first-time merchant can try, with the sandbox controls to do it.
// Only `pnpm demo` gives the console a tour (it owns the sandboxes); a real installation has none.

export const tourActions = ['lock', 'unlock', 'outage', 'recover'] as const;
export type TourAction = (typeof tourActions)[number];

export type DemoTour = {
  /** The sandbox organisation's page (its invoices, payments and credit notes). */
  readonly xeroOrgUrl: string;
  /** Each control does one thing in the sandbox and says what, for the flash message. */
  readonly actions: Readonly<Record<TourAction, () => Promise<string>>>;
};

export function isTourAction(value: string): value is TourAction {
  return (tourActions as readonly string[]).includes(value);
}

/** The tour is shown until dismissed (a cookie), and again on `/console?tour=1`. */
export const TOUR_COOKIE = 'lb_tour';
