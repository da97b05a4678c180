import { signWebhookBody } from './webhook-signature.ts';

export type DeliveryResult = { status?: number; error?: string; bodyEmpty: boolean };

// One POST of a webhook body; timeouts and network failures count as failed deliveries.
export async function postWebhook(input: {
  url: string;
  key: string;
  body: string;
  timeoutMs: number;
  signature?: string;
}): Promise<DeliveryResult> {
  try {
    const response = await fetch(input.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-xero-signature': input.signature ?? signWebhookBody(input.key, input.body),
        'user-agent': 'Xero-Webhooks-Sandbox',
      },
      body: input.body,
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, bodyEmpty: text.length === 0 };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), bodyEmpty: true };
  }
}
