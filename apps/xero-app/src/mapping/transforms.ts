import type { Order } from '@ledgerbridge/canonical';
import jsonata from 'jsonata';
import type { Transform } from './mapping-config.ts';
import { orderView } from './order-view.ts';

export type TrackingRef = { readonly category: string; readonly option: string };

/** What the rules change on the invoice. */
export type InvoiceOverrides = {
  readonly reference?: string;
  /** By order line index; undefined keeps the built description. */
  readonly lineDescriptions: ReadonlyArray<string | undefined>;
  readonly tracking: readonly TrackingRef[];
};

/** One rule's result on one order, in words, for the studio's preview. */
export type TransformResult = {
  readonly index: number;
  readonly target: Transform['target'];
  readonly outcome: string;
  readonly error?: string;
};

const REFERENCE_MAX = 255;
const DESCRIPTION_MAX = 4000;

async function evaluate(expression: string, input: unknown, bindings?: Record<string, unknown>) {
  return (await jsonata(expression).evaluate(input, bindings)) as unknown;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => text(v) ?? '').join(' ');
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error);
}

/** Evaluates the mapping's JSONata rules on an order: what each changes, or why it could not. */
export async function applyTransforms(
  order: Order,
  transforms: readonly Transform[],
): Promise<{ overrides: InvoiceOverrides; results: TransformResult[] }> {
  const view = orderView(order);
  const results: TransformResult[] = [];
  const tracking = new Map<string, string>();
  let reference: string | undefined;
  const descriptions: Array<string | undefined> = order.lines.map(() => undefined);

  for (const [index, rule] of transforms.entries()) {
    try {
      switch (rule.target) {
        case 'tracking': {
          const hit = (await evaluate(rule.when, view)) === true;
          if (hit && !tracking.has(rule.category)) tracking.set(rule.category, rule.option);
          results.push({
            index,
            target: rule.target,
            outcome: hit
              ? `${rule.category}: ${rule.option} on every line`
              : `condition not met (${rule.when})`,
          });
          break;
        }
        case 'reference': {
          const value = text(await evaluate(rule.expression, view));
          if (!value) throw new Error('gave no text');
          reference = value.slice(0, REFERENCE_MAX);
          results.push({ index, target: rule.target, outcome: `reference “${reference}”` });
          break;
        }
        case 'line-description': {
          for (const [i, line] of view.lines.entries()) {
            const value = text(await evaluate(rule.expression, view, { line }));
            if (value) descriptions[i] = value.slice(0, DESCRIPTION_MAX);
          }
          const first = descriptions.find((d) => d !== undefined);
          results.push({
            index,
            target: rule.target,
            outcome: first ? `first line described as “${first}”` : 'no line changed',
          });
          break;
        }
      }
    } catch (error) {
      results.push({ index, target: rule.target, outcome: 'failed', error: messageOf(error) });
    }
  }
  return {
    overrides: {
      ...(reference !== undefined ? { reference } : {}),
      lineDescriptions: descriptions,
      tracking: [...tracking].map(([category, option]) => ({ category, option })),
    },
    results,
  };
}
