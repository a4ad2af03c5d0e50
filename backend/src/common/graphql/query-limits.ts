import type { ApolloServerPlugin } from '@apollo/server';
import armor from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  isLeafType,
  isListType,
  Kind,
  parse,
  type ParseOptions,
  type ValidationRule,
  validate,
} from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import { ErrorCode } from '../errors/error-code.js';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from './page-size.js';

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
  /** The cost of one operation (see `fieldCost`, FIELD_COSTS): the panel's largest lists and its dashboard cost at most ~2,000. */
  maxCost: 10_000,
} as const;

/**
 * Declared costs (Nest's `complexity` option on `@Query`/`@Mutation`/`@ResolveField`) of the
 * fields whose work is not the rows they return.
 */
export const FIELD_COSTS = {
  /**
   * Recomputes from every row of the source tables (reportDrift, walletReconciliation,
   * rebuildReferralStats, the commission release): more than half the limit, so one a document.
   * Thirty reportDrift in one request held the whole pool for 5 s and the bot's calls failed.
   */
  wholeDatabase: Math.floor(QUERY_LIMITS.maxCost / 2) + 1,
  /** A report over a range, read from the hourly rollups (~20 ms at 1,000,000 users): the dashboard asks for four. */
  report: 200,
  /** A value read per row through a loader (one more query per page), e.g. User.type. */
  loaded: 1,
} as const;

/** The arguments that size a list, in the order they are looked for. */
const PAGE_SIZE_ARGUMENTS = ['perPage', 'first', 'limit'];

/** Rows a list field returns: its page-size argument, else that argument's default, else DEFAULT_PER_PAGE; 1 for an unpaged list. */
function pageSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const argument = field.args.find(({ name }) => PAGE_SIZE_ARGUMENTS.includes(name));
  if (!argument) return 1;
  const given = args[argument.name];
  const size = typeof given === 'number' ? given : typeof argument.defaultValue === 'number' ? argument.defaultValue : DEFAULT_PER_PAGE;
  // Out-of-range sizes are refused by the arguments' own validation, with a clearer message.
  return Math.min(Math.max(Math.trunc(size), 1), MAX_PER_PAGE);
}

/**
 * The cost of a field without a declared one (after Shopify's model): a scalar or enum read from
 * a row already loaded is free, an object costs 1 plus its selection, and a list multiplies that
 * by the rows it returns. So `allUsers(perPage: 1000) { id referredBy { id } }` costs 2,000.
 */
const fieldCost: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
  const rows = isListType(getNullableType(field.type)) ? pageSize(field, args) : 1;
  return rows * (own + childComplexity);
};

const ESTIMATORS = [fieldExtensionsEstimator(), fieldCost];

/**
 * The cost of the operation `operationName` (or the document's only one) with `variables`;
 * undefined when the variables do not fit the operation (execution refuses those itself).
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number | undefined {
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return undefined;
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return undefined;
  return getComplexity({ schema, query: document, variables, operationName: operation.name?.value, estimators: ESTIMATORS });
}

function refuseCost(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}

/** The cost error of an operation, or undefined when it is within QUERY_LIMITS.maxCost. */
function costError(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>, operationName?: string): GraphQLError | undefined {
  let cost: number | undefined;
  try {
    cost = queryCost(schema, document, variables, operationName);
  } catch (error) {
    // graphql-query-complexity's own refusal (more than 10,000 fields once fragments are spread).
    return refuseCost(error instanceof GraphQLError ? error.message : 'The query is too large');
  }
  if (cost === undefined || cost <= QUERY_LIMITS.maxCost) return undefined;
  return refuseCost(`The query costs ${cost}, more than the limit of ${QUERY_LIMITS.maxCost}: ask for fewer rows (perPage) or fewer fields, or split it`);
}

/**
 * Refuses, before anything runs, an operation that costs more than QUERY_LIMITS.maxCost. A
 * plugin rather than a validation rule because a list's size usually comes in the variables
 * (`perPage: $perPage`), which validation does not see.
 */
export function queryCostPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const error = costError(schema, document, request.variables ?? {}, operationName ?? undefined);
          if (error) throw error;
        },
      };
    },
  };
}

/** For Apollo's `parseOptions`: graphql-js aborts parsing at the token limit. */
export const QUERY_PARSE_OPTIONS: ParseOptions = { maxTokens: QUERY_LIMITS.maxTokens };

/** graphql-armor's depth, alias and directive rules at QUERY_LIMITS, for Apollo's `validationRules` (the cost is `queryCostPlugin`'s). */
export function queryLimitRules(): ValidationRule[] {
  const { validationRules } = new armor.ApolloArmor({
    // The token limit is graphql-js's own (QUERY_PARSE_OPTIONS); suggestions are hidden by the error formatter.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    costLimit: { enabled: false },
  }).protect();
  return validationRules as ValidationRule[];
}

/**
 * The limit errors of `source` against `schema` with `variables`, as the server would find them
 * (empty: it passes). Without the variables an operation that requires some is not costed.
 */
export function queryLimitErrors(schema: GraphQLSchema, source: string, variables?: Record<string, unknown>): readonly GraphQLError[] {
  let document;
  try {
    document = parse(source, QUERY_PARSE_OPTIONS);
  } catch (error) {
    return [error as GraphQLError];
  }
  const errors = validate(schema, document, queryLimitRules());
  if (errors.length) return errors;
  const cost = costError(schema, document, variables);
  return cost ? [cost] : [];
}
