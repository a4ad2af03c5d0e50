import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from '../errors/error-code.js';

/**
 * The years a DateTime may name. PostgreSQL's timestamptz stops at 4713 BC and 294276 AD and
 * answered anything beyond with "timestamp out of range" (an INTERNAL_SERVER_ERROR); four-digit
 * years are also what every report, list filter and ISO 8601 string handles without surprises.
 */
export const DATE_TIME_YEARS = { min: 1, max: 9999 } as const;

const FORMAT = 'DateTime must be an ISO 8601 date-time string such as 2026-01-01T00:00:00Z';

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

function parsed(value: unknown): Date {
  if (typeof value !== 'string') throw refuse(FORMAT);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw refuse(FORMAT);
  const year = date.getUTCFullYear();
  if (year < DATE_TIME_YEARS.min || year > DATE_TIME_YEARS.max) {
    throw refuse(`DateTime must be between the years 0001 and 9999 (UTC); got ${value.length > 40 ? `${value.slice(0, 40)}…` : value}`);
  }
  return date;
}

/**
 * Nest's DateTime (GraphQLISODateTime, same name and description, so the schema is unchanged)
 * with the input checked: a string that is no date, or a year outside 0001–9999, is refused with
 * BAD_USER_INPUT before any resolver or query runs.
 */
export const DateTimeScalar = new GraphQLScalarType<Date | null, string | null>({
  name: 'DateTime',
  description: 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  serialize(value) {
    return value instanceof Date ? value.toISOString() : null;
  },
  parseValue: parsed,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw refuse(FORMAT);
    return parsed(ast.value);
  },
});
