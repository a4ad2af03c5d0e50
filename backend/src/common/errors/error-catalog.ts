import { GraphQLEnumType, GraphQLSchema } from 'graphql';
import { ErrorCode } from './error-code.js';

/** What one reason means: the contract's `extensions.code` it maps to, a default message, and its documentation. */
export interface ErrorDefinition {
  code: ErrorCode;
  /** Shown to the client when the throw gives no message of its own: friendly words for people. */
  message: string;
  /** The schema's documentation of the `ErrorReason` value. */
  description: string;
}

/** A domain's reasons (an enum of its own) and what each one means: the one place a reason maps to a code. */
export interface ErrorCatalog<R extends string = string> {
  readonly domain: string;
  readonly reasons: { readonly [K in R]: ErrorDefinition };
}

export function defineErrors<R extends string>(domain: string, reasons: { readonly [K in R]: ErrorDefinition }): ErrorCatalog<R> {
  return Object.freeze({ domain, reasons: Object.freeze({ ...reasons }) });
}

/**
 * The schema's `ErrorReason` enum: every domain's reasons, documented, so a client sees in the
 * schema every value `extensions.reason` can carry and what it means.
 */
export function errorReasonEnum(catalogs: readonly ErrorCatalog[]): GraphQLEnumType {
  // A reason two domains share keeps each domain's code (a blocked user asking to withdraw is
  // FORBIDDEN; an admin paying out to one is CONFLICT); its documentation names every code.
  const byReason = new Map<string, { codes: Set<ErrorCode>; description: string }>();
  for (const catalog of catalogs) {
    for (const [reason, definition] of Object.entries<ErrorDefinition>(catalog.reasons)) {
      const entry = byReason.get(reason) ?? { codes: new Set<ErrorCode>(), description: definition.description };
      entry.codes.add(definition.code);
      byReason.set(reason, entry);
    }
  }
  return new GraphQLEnumType({
    name: 'ErrorReason',
    description: "The values of a GraphQL error's `extensions.reason`, each with the `extensions.code` it comes with.",
    values: Object.fromEntries(
      [...byReason.keys()].sort().map((reason) => {
        const { codes, description } = byReason.get(reason)!;
        return [reason, { value: reason, description: `${[...codes].sort().join(' or ')}: ${description}` }];
      }),
    ),
  });
}

/** The schema with the `ErrorReason` enum added (no field returns it: it documents `extensions.reason`). */
export function withErrorReasons(schema: GraphQLSchema, catalogs: readonly ErrorCatalog[]): GraphQLSchema {
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, errorReasonEnum(catalogs)] });
}
