import { type Decimal, formatDecimal, numberToDecimal, parseDecimal } from '../money.ts';
import type { RuleNode } from './rule-expression-parser.ts';

// Evaluates a parsed rules-engine expression over an order's facts, exactly: numbers are decimals,
// never floats. Where the docs are silent the reading is permissive and written here:
// - property names match case-insensitively (the docs write both `item.Product` and `item.product`);
// - a missing property is null; null in arithmetic counts as 0; null compares equal only to null;
// - string `=` ignores case, and `*` in the right-hand string is a wildcard ('tag*' = starts with);
// - `items.total(…)` sums LineTotal (the line after its own discounts); `items.quantity(…)` Quantity;
// - division keeps 10 decimal places (half away from zero);
// - `product.incategory(…)`, `inparentcategory(…)` and `order.approved(…)` are false: the sandbox
//   has no categories or approval rules;
// - inside a filter, bare names are properties of the element being tested (`ProductID = 'A'`), and
//   `item` is that element (an array value in `xp.Tags.any(item = 'x')`).

export type RuleFacts = {
  order: Record<string, unknown>; // the Order as the API returns it, xp included
  items: Record<string, unknown>[]; // its LineItems as the API returns them
  now: Date;
};

class Num {
  readonly value: Decimal;
  constructor(value: Decimal) {
    this.value = value;
  }
}
class When {
  readonly ms: number;
  constructor(ms: number) {
    this.ms = ms;
  }
}
class Items {
  readonly lines: Record<string, unknown>[];
  constructor(lines: Record<string, unknown>[]) {
    this.lines = lines;
  }
}
type Value = null | boolean | string | Num | When | Items | Value[] | { [key: string]: unknown };

type Scope = { self: unknown; facts: RuleFacts };

export class RuleEvaluationError extends Error {}

const divisionScale = 10;

function dec(value: Value): Decimal | undefined {
  if (value instanceof Num) return value.value;
  if (value === null) return { units: 0n, scale: 0 };
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return parseDecimal(value.trim());
  return undefined;
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

function compareDec(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x === y ? 0 : x < y ? -1 : 1;
}

function divide(a: Decimal, b: Decimal): Decimal {
  if (b.units === 0n) throw new RuleEvaluationError('division by zero');
  // a / b = (a.units / 10^a.scale) / (b.units / 10^b.scale), carried to `divisionScale` places.
  const numerator = a.units * 10n ** BigInt(divisionScale + b.scale);
  const denominator = b.units * 10n ** BigInt(a.scale);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const roundUp =
    2n * (remainder < 0n ? -remainder : remainder) >= (denominator < 0n ? -denominator : denominator);
  const negative = numerator < 0n !== denominator < 0n;
  return { units: roundUp ? quotient + (negative ? -1n : 1n) : quotient, scale: divisionScale };
}

function arithmetic(op: string, a: Decimal, b: Decimal): Decimal {
  if (op === '*') return { units: a.units * b.units, scale: a.scale + b.scale };
  if (op === '/') return divide(a, b);
  const [x, y, scale] = align(a, b);
  if (op === '+') return { units: x + y, scale };
  if (op === '-') return { units: x - y, scale };
  if (y === 0n) throw new RuleEvaluationError('modulo by zero');
  return { units: x % y, scale };
}

function lift(raw: unknown): Value {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? new Num(numberToDecimal(raw)) : null;
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) return raw.map(lift);
  if (raw instanceof Num || raw instanceof When || raw instanceof Items) return raw;
  if (typeof raw === 'object') return raw as { [key: string]: unknown };
  return null;
}

function property(target: Value, name: string): Value {
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return null;
  if (target instanceof Num || target instanceof When || target instanceof Items) return null;
  if (name in target) return lift(target[name]);
  const lower = name.toLowerCase();
  const key = Object.keys(target).find((k) => k.toLowerCase() === lower);
  return key === undefined ? null : lift(target[key]);
}

function parseDate(text: string): When | undefined {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const ms = us ? Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2])) : Date.parse(text);
  return Number.isNaN(ms) ? undefined : new When(ms);
}

function wildcard(pattern: string, text: string): boolean {
  const escaped = pattern
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`, 's').test(text.toLowerCase());
}

function equals(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  if (a instanceof When || b instanceof When) {
    const x = a instanceof When ? a : typeof a === 'string' ? parseDate(a) : undefined;
    const y = b instanceof When ? b : typeof b === 'string' ? parseDate(b) : undefined;
    return x !== undefined && y !== undefined && x.ms === y.ms;
  }
  if (typeof a === 'string' && typeof b === 'string')
    return b.includes('*') ? wildcard(b, a) : a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  const x = dec(a);
  const y = dec(b);
  return x !== undefined && y !== undefined && compareDec(x, y) === 0;
}

function order(a: Value, b: Value): number | undefined {
  if (a instanceof When || b instanceof When) {
    const x = a instanceof When ? a : typeof a === 'string' ? parseDate(a) : undefined;
    const y = b instanceof When ? b : typeof b === 'string' ? parseDate(b) : undefined;
    return x && y ? Math.sign(x.ms - y.ms) : undefined;
  }
  if (a === null || b === null) return undefined;
  if (typeof a === 'string' && typeof b === 'string' && dec(a) === undefined) return a.localeCompare(b);
  const x = dec(a);
  const y = dec(b);
  return x !== undefined && y !== undefined ? compareDec(x, y) : undefined;
}

function truthy(value: Value): boolean {
  return value === true;
}

export function evaluateRule(node: RuleNode, facts: RuleFacts, item?: Record<string, unknown>): Value {
  return evaluate(node, { self: item, facts }, item);
}

function evaluate(node: RuleNode, scope: Scope, item: unknown): Value {
  switch (node.t) {
    case 'num':
      return new Num(parseDecimal(node.text));
    case 'str':
      return node.value;
    case 'date': {
      const when = parseDate(node.text);
      if (!when) throw new RuleEvaluationError(`not a date: #${node.text}#`);
      return when;
    }
    case 'bool':
      return node.value;
    case 'null':
      return null;
    case 'id': {
      const lower = node.name.toLowerCase();
      if (lower === 'order') return lift(scope.facts.order);
      if (lower === 'items') return new Items(scope.facts.items);
      if (lower === 'item') return lift(item);
      return property(lift(scope.self), node.name);
    }
    case 'member':
      return property(evaluate(node.target, scope, item), node.name);
    case 'unary': {
      const value = evaluate(node.operand, scope, item);
      if (node.op === 'not') return !truthy(value);
      const d = dec(value);
      return d ? new Num({ units: -d.units, scale: d.scale }) : null;
    }
    case 'binary':
      return binary(node.op, node.left, node.right, scope, item);
    case 'call':
      return call(node, scope, item);
  }
}

function binary(op: string, leftNode: RuleNode, rightNode: RuleNode, scope: Scope, item: unknown): Value {
  if (op === 'and')
    return truthy(evaluate(leftNode, scope, item)) && truthy(evaluate(rightNode, scope, item));
  if (op === 'or') return truthy(evaluate(leftNode, scope, item)) || truthy(evaluate(rightNode, scope, item));
  const left = evaluate(leftNode, scope, item);
  const right = evaluate(rightNode, scope, item);
  if (op === '=') return equals(left, right);
  if (op === '<>') return !equals(left, right);
  if (op === '<' || op === '>' || op === '<=' || op === '>=') {
    const c = order(left, right);
    if (c === undefined) return false;
    return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
  }
  if (op === '+' && (typeof left === 'string' || typeof right === 'string'))
    return `${text(left)}${text(right)}`;
  const a = dec(left);
  const b = dec(right);
  if (!a || !b) throw new RuleEvaluationError(`"${op}" needs numbers`);
  return new Num(arithmetic(op, a, b));
}

function text(value: Value): string {
  if (value === null) return '';
  if (value instanceof Num) return formatDecimal(value.value);
  if (value instanceof When) return new Date(value.ms).toISOString();
  return String(value);
}

function call(node: Extract<RuleNode, { t: 'call' }>, scope: Scope, item: unknown): Value {
  const name = node.name.toLowerCase();
  const args = (i: number) => {
    const arg = node.args[i];
    return arg ? evaluate(arg, scope, item) : null;
  };
  if (node.target === null) {
    if (name === 'min' || name === 'max') {
      const a = dec(args(0));
      const b = dec(args(1));
      if (!a || !b) throw new RuleEvaluationError(`${name}() needs two numbers`);
      const c = compareDec(a, b);
      return new Num(name === 'min' ? (c <= 0 ? a : b) : c >= 0 ? a : b);
    }
    if (name === 'now') {
      const days = dec(args(0)) ?? { units: 0n, scale: 0 };
      return new When(scope.facts.now.getTime() + (Number(days.units) * 86_400_000) / 10 ** days.scale);
    }
    if (name === 'approved') return false;
    throw new RuleEvaluationError(`unknown function ${node.name}()`);
  }
  const target = evaluate(node.target, scope, item);
  const filter = node.args[0];
  const matches = (element: unknown) =>
    filter === undefined ? true : truthy(evaluate(filter, { self: element, facts: scope.facts }, element));
  if (target instanceof Items) {
    const lines = target.lines.filter(matches);
    if (name === 'any') return lines.length > 0;
    if (name === 'all') return target.lines.length > 0 && lines.length === target.lines.length;
    if (name === 'count') return new Num({ units: BigInt(lines.length), scale: 0 });
    if (name === 'quantity' || name === 'total') {
      const field = name === 'quantity' ? 'Quantity' : 'LineTotal';
      let sum: Decimal = { units: 0n, scale: 0 };
      for (const line of lines) sum = arithmetic('+', sum, dec(property(lift(line), field)) ?? sum);
      return new Num(sum);
    }
    throw new RuleEvaluationError(`items.${node.name}() is not a rules-engine function`);
  }
  if (Array.isArray(target)) {
    if (name === 'contains') {
      const wanted = args(0);
      return target.some((v) => equals(v, wanted));
    }
    const hits = target.filter(matches);
    if (name === 'any') return hits.length > 0;
    if (name === 'all') return target.length > 0 && hits.length === target.length;
    if (name === 'count') return new Num({ units: BigInt(hits.length), scale: 0 });
    throw new RuleEvaluationError(`${node.name}() is not an array function`);
  }
  if (name === 'incategory' || name === 'inparentcategory' || name === 'approved') return false;
  if (target === null && ['contains', 'any', 'all'].includes(name)) return false;
  if (target === null && name === 'count') return new Num({ units: 0n, scale: 0 });
  throw new RuleEvaluationError(`${node.name}() cannot be called here`);
}

export function asBoolean(value: Value): boolean {
  return truthy(value);
}

/** A ValueExpression's amount; null counts as 0. */
export function asDecimal(value: Value): Decimal {
  const d = dec(value);
  if (!d) throw new RuleEvaluationError('the expression does not give a number');
  return d;
}
