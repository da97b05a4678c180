import { badRequest } from '../errors.ts';
import type { Decimal } from '../money.ts';
import {
  asBoolean,
  asDecimal,
  evaluateRule,
  RuleEvaluationError,
  type RuleFacts,
} from './rule-expression-eval.ts';
import { parseRuleExpression, type RuleNode, RuleSyntaxError } from './rule-expression-parser.ts';

// A promotion's EligibleExpression and ValueExpression in OrderCloud's rules-engine language
// (rule-expression-parser.ts), compiled once and evaluated against an order's facts. Both are limited
// to 400 characters (rule-based-promotion-expressions.mdx, "Considerations"). A syntax error is
// refused when the promotion is saved; an expression that fails while evaluating (a division by zero,
// a string where a number belongs) makes the promotion not eligible and worth 0.

export type CompiledPromotion = {
  eligible(facts: RuleFacts, item?: Record<string, unknown>): boolean;
  value(facts: RuleFacts, item?: Record<string, unknown>): Decimal;
};

const maxLength = 400;

function compile(expression: string, field: string): RuleNode {
  if (expression.length > maxLength) {
    throw badRequest('InvalidRequest', `${field} is limited to ${maxLength} characters.`, { Field: field });
  }
  try {
    return parseRuleExpression(expression);
  } catch (error) {
    if (!(error instanceof RuleSyntaxError)) throw error;
    throw badRequest(
      'Expression.InvalidSyntax',
      `${field}: ${error.message} at position ${error.position}.`,
      {
        Field: field,
        Expression: expression,
        Position: error.position,
      },
    );
  }
}

export function compilePromotion(input: {
  eligibleExpression: string;
  valueExpression: string;
  lineItemLevel: boolean;
}): CompiledPromotion {
  const eligible = compile(input.eligibleExpression.trim() || 'true', 'EligibleExpression');
  const value = compile(input.valueExpression.trim(), 'ValueExpression');
  return {
    eligible(facts, item) {
      try {
        return asBoolean(evaluateRule(eligible, facts, item));
      } catch (error) {
        if (error instanceof RuleEvaluationError) return false;
        throw error;
      }
    },
    value(facts, item) {
      try {
        return asDecimal(evaluateRule(value, facts, item));
      } catch (error) {
        if (error instanceof RuleEvaluationError) return { units: 0n, scale: 0 };
        throw error;
      }
    },
  };
}
