import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** |amount| above 10^15 paise (₹10^13) is refused: far above any real figure, well inside 2^53. */
export const MONEY_LIMIT = 1_000_000_000_000_000;

function checked(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new GraphQLError('Money must be an integer number of paise (e.g. 50000 for ₹500)', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  if (Math.abs(value) > MONEY_LIMIT) {
    throw new GraphQLError(`Money must be between -${MONEY_LIMIT} and ${MONEY_LIMIT} paise`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

export const MoneyScalar = new GraphQLScalarType<number, number>({
  name: 'Money',
  description: 'An amount of money in integer paise (₹1 = 100). A JSON number; fractions and strings are refused.',
  serialize(value) {
    const amount = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
      throw new GraphQLError('Money value is not an integer number of paise');
    }
    return amount;
  },
  parseValue: checked,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.INT) {
      throw new GraphQLError('Money must be an integer number of paise (e.g. 50000 for ₹500)', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return checked(Number(ast.value));
  },
});
