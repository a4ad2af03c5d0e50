import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { formatGraphQLError } from './error-formatter.js';

/** A PostgreSQL error as node-postgres raises it: SQLSTATE in `code`, and a `severity`. */
function databaseError(code: string, message: string): GraphQLError {
  const original = Object.assign(new Error(message), { code, severity: 'ERROR' });
  return new GraphQLError(message, { originalError: original });
}

describe('formatGraphQLError: dates PostgreSQL refuses', () => {
  it.each([
    ['22008', 'timestamp out of range: "-100000-01-01T00:00:00Z"'],
    ['22007', 'invalid input syntax for type timestamp with time zone: "soon"'],
  ])('answers SQLSTATE %s with BAD_USER_INPUT and without the database text', (code, message) => {
    const formatted = formatGraphQLError({ message }, databaseError(code, message));
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(formatted.message).toMatch(/^A date or time /);
    expect(formatted.message).not.toContain('timestamp');
  });
});
