import armor from '@escape.tech/graphql-armor';
import { type GraphQLError, type GraphQLSchema, parse, type ParseOptions, type ValidationRule, validate } from 'graphql';

/**
 * How big a GraphQL document may be. Without limits one 60 kB request of 1,000 aliases held the
 * event loop for seconds and starved every other client. The bounds leave room above the
 * largest document the panel, the playground examples and the bot send (backend and admin
 * tests check every one of them against these numbers), and refuse anything bigger before it
 * runs: the token limit while parsing, the others in validation.
 */
export const QUERY_LIMITS = {
  /** Lexical tokens in the whole document (graphql-js stops parsing past it). */
  maxTokens: 3000,
  /** Nesting of selections (the bot's referralTree(depth: 5) with every level's children needs 9). */
  maxDepth: 12,
  /** Aliased fields in one operation (the dashboard uses a handful). */
  maxAliases: 30,
  /** Directives in one operation. */
  maxDirectives: 20,
  /** graphql-armor's cost: each field 1 (2 with a selection), ×1.5 per level of nesting. */
  maxCost: 20000,
} as const;

/** For Apollo's `parseOptions`: graphql-js aborts parsing at the token limit. */
export const QUERY_PARSE_OPTIONS: ParseOptions = { maxTokens: QUERY_LIMITS.maxTokens };

/** graphql-armor's depth, alias, directive and cost rules at QUERY_LIMITS, for Apollo's `validationRules`. */
export function queryLimitRules(): ValidationRule[] {
  const { validationRules } = new armor.ApolloArmor({
    // The token limit is graphql-js's own (QUERY_PARSE_OPTIONS); suggestions are hidden by the error formatter.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
  }).protect();
  return validationRules as ValidationRule[];
}

/** The limit errors of `source` against `schema`, as the server would find them (empty: it passes). */
export function queryLimitErrors(schema: GraphQLSchema, source: string): readonly GraphQLError[] {
  let document;
  try {
    document = parse(source, QUERY_PARSE_OPTIONS);
  } catch (error) {
    return [error as GraphQLError];
  }
  return validate(schema, document, queryLimitRules());
}
