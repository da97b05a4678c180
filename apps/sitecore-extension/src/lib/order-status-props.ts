import type { OrderStatusAnswer } from './order-status-labels.ts';

/** What the page's server side gives each XeroOrderStatus rendering (through ComponentPropsContext). */
export type XeroOrderStatusData =
  | {
      readonly state: 'ready';
      readonly orderId: string;
      /** The app's signed public status URL: safe in the browser, it shows one order's status only. */
      readonly statusUrl: string;
      readonly pdfUrl: string;
      readonly initial: OrderStatusAnswer | null;
    }
  | { readonly state: 'unavailable' };
