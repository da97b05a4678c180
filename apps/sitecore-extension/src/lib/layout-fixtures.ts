import type { LayoutServiceData } from '@sitecore-jss/sitecore-jss-nextjs';
import { homeLayout } from '../fixtures/layouts/home.ts';
import { orderConfirmationLayout } from '../fixtures/layouts/order-confirmation.ts';

// Local layout data by item path: the head runs without a Sitecore instance. A connected head replaces
// this lookup with GraphQLLayoutService (Experience Edge); the components do not change.
const layouts: Record<string, LayoutServiceData> = {
  '/': homeLayout,
  '/order-confirmation': orderConfirmationLayout,
};

export function layoutFor(path: string): LayoutServiceData | undefined {
  const normalised = `/${path.split('/').filter(Boolean).join('/')}`.toLowerCase();
  const layout = layouts[normalised];
  // A copy: the page adds per-request data, and the fixture stays as authored.
  return layout ? structuredClone(layout) : undefined;
}
