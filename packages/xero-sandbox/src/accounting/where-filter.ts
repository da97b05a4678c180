// A small parser for Xero's `where` expressions: comparisons, AND/OR/NOT, parentheses, Guid("..."),
// DateTime(y,m,d[,h,mi,s]), and the Contains/StartsWith/EndsWith methods. Anything else is refused.
export class WhereSyntaxError extends Error {}

type Literal = { kind: 'literal'; value: string | number | boolean | null; date?: number };
type FieldRef = { kind: 'field'; path: string[] };
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'compare'; op: string; field: FieldRef; value: Literal }
  | { kind: 'method'; method: string; field: FieldRef; value: Literal }
  | { kind: 'truthy'; field: FieldRef };

type Token = { type: 'ident' | 'string' | 'number' | 'op' | 'punct'; text: string };

const OPERATORS = ['==', '!=', '>=', '<=', '&&', '||', '>', '<', '!', '='];
const METHODS = new Set(['contains', 'startswith', 'endswith']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    const char = input[index] ?? '';
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '"') {
      let end = index + 1;
      let text = '';
      while (end < input.length && input[end] !== '"') {
        if (input[end] === '\\' && end + 1 < input.length) end += 1;
        text += input[end];
        end += 1;
      }
      if (end >= input.length) throw new WhereSyntaxError('Unterminated string literal');
      tokens.push({ type: 'string', text });
      index = end + 1;
    } else if (/\d/.test(char) || (char === '-' && /\d/.test(input[index + 1] ?? ''))) {
      const match = /^-?\d+(\.\d+)?/.exec(input.slice(index));
      if (!match) throw new WhereSyntaxError(`Unexpected character '${char}'`);
      tokens.push({ type: 'number', text: match[0] });
      index += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(index));
      const text = match?.[0] ?? char;
      tokens.push({ type: 'ident', text });
      index += text.length;
    } else if ('().,'.includes(char)) {
      tokens.push({ type: 'punct', text: char });
      index += 1;
    } else {
      const op = OPERATORS.find((candidate) => input.startsWith(candidate, index));
      if (!op) throw new WhereSyntaxError(`Unexpected character '${char}'`);
      tokens.push({ type: 'op', text: op });
      index += op.length;
    }
  }
  return tokens;
}

class Parser {
  #tokens: Token[];
  #position = 0;
  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  parse(): Node {
    const node = this.#or();
    const rest = this.#peek();
    if (rest) throw new WhereSyntaxError(`Unexpected '${rest.text}'`);
    return node;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#position];
  }

  #next(): Token {
    const token = this.#tokens[this.#position];
    if (!token) throw new WhereSyntaxError('Unexpected end of expression');
    this.#position += 1;
    return token;
  }

  #expect(text: string): void {
    const token = this.#next();
    if (token.text !== text) throw new WhereSyntaxError(`Expected '${text}' but found '${token.text}'`);
  }

  #isWord(word: string): boolean {
    const token = this.#peek();
    return token?.type === 'ident' && token.text.toUpperCase() === word;
  }

  #or(): Node {
    let left = this.#and();
    while (this.#peek()?.text === '||' || this.#isWord('OR')) {
      this.#next();
      left = { kind: 'or', left, right: this.#and() };
    }
    return left;
  }

  #and(): Node {
    let left = this.#unary();
    while (this.#peek()?.text === '&&' || this.#isWord('AND')) {
      this.#next();
      left = { kind: 'and', left, right: this.#unary() };
    }
    return left;
  }

  #unary(): Node {
    if (this.#peek()?.text === '!' || this.#isWord('NOT')) {
      this.#next();
      return { kind: 'not', operand: this.#unary() };
    }
    if (this.#peek()?.text === '(') {
      this.#next();
      const inner = this.#or();
      this.#expect(')');
      return inner;
    }
    return this.#comparison();
  }

  #comparison(): Node {
    const first = this.#next();
    if (first.type !== 'ident') throw new WhereSyntaxError(`Expected a field name but found '${first.text}'`);
    const path = [first.text];
    while (this.#peek()?.text === '.') {
      this.#next();
      const part = this.#next();
      if (part.type !== 'ident') throw new WhereSyntaxError(`Expected a field name after '.'`);
      if (this.#peek()?.text === '(') {
        if (!METHODS.has(part.text.toLowerCase()))
          throw new WhereSyntaxError(`Unsupported method '${part.text}'`);
        this.#next();
        const value = this.#literal();
        this.#expect(')');
        return { kind: 'method', method: part.text.toLowerCase(), field: { kind: 'field', path }, value };
      }
      path.push(part.text);
    }
    const op = this.#peek();
    if (op?.type === 'op' && ['==', '!=', '>', '<', '>=', '<=', '='].includes(op.text)) {
      this.#next();
      return {
        kind: 'compare',
        op: op.text === '=' ? '==' : op.text,
        field: { kind: 'field', path },
        value: this.#literal(),
      };
    }
    return { kind: 'truthy', field: { kind: 'field', path } };
  }

  #literal(): Literal {
    const token = this.#next();
    if (token.type === 'string') return { kind: 'literal', value: token.text };
    if (token.type === 'number') return { kind: 'literal', value: Number(token.text) };
    if (token.type !== 'ident') throw new WhereSyntaxError(`Expected a value but found '${token.text}'`);
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
    if (word === 'null') return { kind: 'literal', value: null };
    if (word === 'guid') {
      this.#expect('(');
      const id = this.#next();
      if (id.type !== 'string') throw new WhereSyntaxError('Guid() takes a quoted value');
      this.#expect(')');
      return { kind: 'literal', value: id.text };
    }
    if (word === 'datetime') return this.#dateTime();
    throw new WhereSyntaxError(`Unexpected '${token.text}'`);
  }

  #dateTime(): Literal {
    this.#expect('(');
    const parts: number[] = [];
    for (;;) {
      const token = this.#next();
      if (token.type !== 'number') throw new WhereSyntaxError('DateTime() takes numbers');
      parts.push(Number(token.text));
      const separator = this.#next();
      if (separator.text === ')') break;
      if (separator.text !== ',') throw new WhereSyntaxError(`Expected ',' or ')' in DateTime()`);
    }
    if (parts.length < 3 || parts.length > 6) throw new WhereSyntaxError('DateTime() takes 3 to 6 numbers');
    const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = parts;
    return { kind: 'literal', value: null, date: Date.UTC(year, month - 1, day, hour, minute, second) };
  }
}

export type WherePredicate = (record: Record<string, unknown>) => boolean;

function resolve(record: Record<string, unknown>, path: string[]): unknown {
  let current: unknown = record;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    const entries = Object.entries(current);
    current = entries.find(([key]) => key.toLowerCase() === part.toLowerCase())?.[1];
  }
  return current;
}

function asDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\/Date\((-?\d+)/.exec(value);
  if (match?.[1]) return Number(match[1]);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function compare(actual: unknown, literal: Literal): number | undefined {
  if (literal.date !== undefined) {
    const date = asDate(actual);
    return date === undefined ? undefined : Math.sign(date - literal.date);
  }
  const expected = literal.value;
  if (expected === null) return actual === null || actual === undefined ? 0 : 1;
  if (typeof expected === 'number') {
    const number = typeof actual === 'number' ? actual : Number(actual);
    return Number.isNaN(number) ? undefined : Math.sign(number - expected);
  }
  if (typeof expected === 'boolean') return actual === expected ? 0 : 1;
  if (actual === undefined || actual === null) return undefined;
  const left = String(actual).toLowerCase();
  const right = expected.toLowerCase();
  return left === right ? 0 : left < right ? -1 : 1;
}

function evaluate(node: Node, record: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, record) && evaluate(node.right, record);
    case 'or':
      return evaluate(node.left, record) || evaluate(node.right, record);
    case 'not':
      return !evaluate(node.operand, record);
    case 'truthy':
      return resolve(record, node.field.path) === true;
    case 'method': {
      const actual = resolve(record, node.field.path);
      if (typeof actual !== 'string' || typeof node.value.value !== 'string') return false;
      const haystack = actual.toLowerCase();
      const needle = node.value.value.toLowerCase();
      if (node.method === 'contains') return haystack.includes(needle);
      return node.method === 'startswith' ? haystack.startsWith(needle) : haystack.endsWith(needle);
    }
    case 'compare': {
      const order = compare(resolve(record, node.field.path), node.value);
      if (order === undefined) return node.op === '!=';
      const ops: Record<string, boolean> = {
        '==': order === 0,
        '!=': order !== 0,
        '>': order > 0,
        '<': order < 0,
        '>=': order >= 0,
        '<=': order <= 0,
      };
      return ops[node.op] ?? false;
    }
  }
}

export function parseWhere(expression: string): WherePredicate {
  if (expression.length > 2000) throw new WhereSyntaxError('The where clause is too long');
  const tree = new Parser(tokenize(expression)).parse();
  return (record) => evaluate(tree, record);
}
