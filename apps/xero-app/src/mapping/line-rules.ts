import type { OrderLine } from '@ledgerbridge/canonical';
import type { MappingConfig } from './mapping-config.ts';

function attributeAt(attributes: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      attributes,
    );
}

export function accountFor(line: OrderLine, mapping: MappingConfig): string {
  for (const rule of mapping.accounts.rules) {
    if (rule.category !== undefined && rule.category !== line.category) continue;
    if (
      rule.attribute &&
      String(attributeAt(line.attributes, rule.attribute.path) ?? '') !== rule.attribute.equals
    )
      continue;
    if (rule.category === undefined && !rule.attribute) continue;
    return rule.account;
  }
  return mapping.accounts.sales;
}

export function trackingFor(
  line: OrderLine | undefined,
  mapping: MappingConfig,
): Array<{ category: string; option: string }> {
  const chosen = new Map(mapping.tracking.defaults.map((t) => [t.category, t.option]));
  for (const rule of mapping.tracking.rules) {
    const value = line ? attributeAt(line.attributes, rule.fromAttribute) : undefined;
    if (typeof value === 'string' && value.length > 0) chosen.set(rule.category, value);
  }
  return [...chosen].map(([category, option]) => ({ category, option }));
}
