// OrderCloud's rules-engine expression language (promotions, approval rules), parsed into a tree.
// Grammar as documented in oc-documentation `rule-based-promotion-expressions.mdx` and
// `rules-engine-has-arrived.mdx`:
//   literals     10  .15  'text'  #6/15/2016#  true  false  null
//   paths        order.Subtotal  order.xp.Tags  item.Product.xp.OnSale  (property names case-insensitive)
//   calls        items.any(filter) items.all(…) items.quantity(…) items.count(…) items.total(…)
//                array.contains(v) array.count(…) array.any(…) array.all(…) product.incategory('id')
//                min(a, b)  max(a, b)  now(days)  order.approved('rule')
//   operators    = < > <= >= <> (and !=)   and or not   + - * / %   ( )
// Precedence, loosest first: or, and, not, comparison, + -, * / %, unary minus, member/call.

export type RuleNode =
  | { t: 'num'; text: string }
  | { t: 'str'; value: string }
  | { t: 'date'; text: string }
  | { t: 'bool'; value: boolean }
  | { t: 'null' }
  | { t: 'id'; name: string }
  | { t: 'member'; target: RuleNode; name: string }
  | { t: 'call'; target: RuleNode | null; name: string; args: RuleNode[] }
  | { t: 'unary'; op: '-' | 'not'; operand: RuleNode }
  | { t: 'binary'; op: BinaryOp; left: RuleNode; right: RuleNode };

export type BinaryOp = 'or' | 'and' | '=' | '<>' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export class RuleSyntaxError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = 'RuleSyntaxError';
    this.position = position;
  }
}

type Token =
  | { k: 'num'; text: string; at: number }
  | { k: 'str'; value: string; at: number }
  | { k: 'date'; text: string; at: number }
  | { k: 'id'; name: string; at: number }
  | { k: 'op'; op: string; at: number }
  | { k: 'end'; at: number };

const operators = ['<=', '>=', '<>', '!=', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const number = /^(\d+(\.\d+)?|\.\d+)/.exec(source.slice(i));
    // A "." right after a name or ")" is member access, not the start of ".15".
    const previous = tokens.at(-1);
    const afterOperand = previous?.k === 'id' || (previous?.k === 'op' && previous.op === ')');
    if (number && !(ch === '.' && afterOperand)) {
      tokens.push({ k: 'num', text: number[0].startsWith('.') ? `0${number[0]}` : number[0], at: i });
      i += number[0].length;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= source.length) throw new RuleSyntaxError('unterminated string', i);
        if (source[j] === "'") {
          if (source[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += source[j];
        j += 1;
      }
      tokens.push({ k: 'str', value, at: i });
      i = j + 1;
      continue;
    }
    if (ch === '#') {
      const end = source.indexOf('#', i + 1);
      if (end < 0) throw new RuleSyntaxError('unterminated date', i);
      tokens.push({ k: 'date', text: source.slice(i + 1, end).trim(), at: i });
      i = end + 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (name) {
      tokens.push({ k: 'id', name: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const op = operators.find((o) => source.startsWith(o, i));
    if (!op) throw new RuleSyntaxError(`unexpected character ${JSON.stringify(ch)}`, i);
    tokens.push({ k: 'op', op: op === '!=' ? '<>' : op, at: i });
    i += op.length;
  }
  tokens.push({ k: 'end', at: source.length });
  return tokens;
}

export function parseRuleExpression(source: string): RuleNode {
  const tokens = tokenize(source);
  let index = 0;
  const peek = (): Token => tokens[index] ?? { k: 'end', at: source.length };
  const next = (): Token => {
    const token = peek();
    index += 1;
    return token;
  };
  const isOp = (op: string) => {
    const token = peek();
    return token.k === 'op' && token.op === op;
  };
  const isWord = (word: string) => {
    const token = peek();
    return token.k === 'id' && token.name.toLowerCase() === word;
  };
  const expect = (op: string) => {
    const token = next();
    if (token.k !== 'op' || token.op !== op) throw new RuleSyntaxError(`expected "${op}"`, token.at);
  };

  const parseOr = (): RuleNode => {
    let left = parseAnd();
    while (isWord('or')) {
      next();
      left = { t: 'binary', op: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): RuleNode => {
    let left = parseNot();
    while (isWord('and')) {
      next();
      left = { t: 'binary', op: 'and', left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): RuleNode => {
    if (isWord('not')) {
      next();
      return { t: 'unary', op: 'not', operand: parseNot() };
    }
    return parseComparison();
  };
  const comparisons = ['=', '<>', '<', '>', '<=', '>='];
  const parseComparison = (): RuleNode => {
    let left = parseAdditive();
    for (;;) {
      const token = peek();
      if (token.k !== 'op' || !comparisons.includes(token.op)) return left;
      next();
      left = { t: 'binary', op: token.op as BinaryOp, left, right: parseAdditive() };
    }
  };
  const parseAdditive = (): RuleNode => {
    let left = parseMultiplicative();
    while (isOp('+') || isOp('-')) {
      const op = (next() as { op: BinaryOp }).op;
      left = { t: 'binary', op, left, right: parseMultiplicative() };
    }
    return left;
  };
  const parseMultiplicative = (): RuleNode => {
    let left = parseUnary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = (next() as { op: BinaryOp }).op;
      left = { t: 'binary', op, left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): RuleNode => {
    if (isOp('-')) {
      next();
      return { t: 'unary', op: '-', operand: parseUnary() };
    }
    return parsePostfix();
  };
  const parseArgs = (): RuleNode[] => {
    expect('(');
    const args: RuleNode[] = [];
    if (isOp(')')) {
      next();
      return args;
    }
    for (;;) {
      args.push(parseOr());
      if (isOp(',')) {
        next();
        continue;
      }
      expect(')');
      return args;
    }
  };
  const parsePostfix = (): RuleNode => {
    let node = parsePrimary();
    for (;;) {
      if (!isOp('.')) return node;
      next();
      const name = next();
      if (name.k !== 'id') throw new RuleSyntaxError('expected a property name after "."', name.at);
      node = isOp('(')
        ? { t: 'call', target: node, name: name.name, args: parseArgs() }
        : { t: 'member', target: node, name: name.name };
    }
  };
  const parsePrimary = (): RuleNode => {
    const token = next();
    switch (token.k) {
      case 'num':
        return { t: 'num', text: token.text };
      case 'str':
        return { t: 'str', value: token.value };
      case 'date':
        return { t: 'date', text: token.text };
      case 'id': {
        const lower = token.name.toLowerCase();
        if (lower === 'true' || lower === 'false') return { t: 'bool', value: lower === 'true' };
        if (lower === 'null') return { t: 'null' };
        if (['and', 'or', 'not'].includes(lower))
          throw new RuleSyntaxError(`unexpected "${token.name}"`, token.at);
        if (isOp('(')) return { t: 'call', target: null, name: token.name, args: parseArgs() };
        return { t: 'id', name: token.name };
      }
      case 'op':
        if (token.op === '(') {
          const inner = parseOr();
          expect(')');
          return inner;
        }
        throw new RuleSyntaxError(`unexpected "${token.op}"`, token.at);
      default:
        throw new RuleSyntaxError('unexpected end of expression', token.at);
    }
  };

  const tree = parseOr();
  const rest = peek();
  if (rest.k !== 'end') throw new RuleSyntaxError('unexpected text after the expression', rest.at);
  return tree;
}
