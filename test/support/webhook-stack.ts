import type { TestBackend } from '@ledgerbridge/xero-app/testing';
import { DEMO_APP, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { createStackDatabase } from './backends.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * A stack on its own database whose Xero sandbox sends the app its webhooks: the way back from Xero.
 * On PGlite under load it takes over a minute to open: callers leave their hook to the config's timeout.
 */
export type WebhookStack = { readonly xero: XeroSandbox; readonly stack: Stack; close(): Promise<void> };

export async function openWebhookStack(input: {
  backend: TestBackend;
  runUrl: string;
  tenantId: string;
  /** The generator's catalog seed (AU profile). */
  seed: number;
}): Promise<WebhookStack> {
  const xero = await startXeroSandbox();
  const database = await createStackDatabase(input.backend, input.runUrl).catch(async (error: unknown) => {
    await xero.close();
    throw error;
  });
  let stack: Stack | undefined;
  const close = async () => {
    await stack?.close();
    await database.drop();
    await xero.close();
  };
  try {
    stack = await startStack({
      xero,
      tenantId: input.tenantId,
      databaseUrl: database.url,
      catalog: { seed: input.seed, profile: 'au' },
    });
    await xero.admin.upsertApp({
      clientId: DEMO_APP.clientId,
      webhookUrl: `${stack.server.url}/webhooks/xero`,
    });
    return { xero, stack, close };
  } catch (error) {
    await close();
    throw error;
  }
}
