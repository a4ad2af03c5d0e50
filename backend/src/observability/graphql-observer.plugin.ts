import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { ObservedRequest } from './logging.js';
import { type MetricsService, UNKNOWN_OPERATION } from './metrics.service.js';

const OPERATION_NAME_LENGTH = 100;

/**
 * Names every GraphQL operation by the root field it runs, which must be one of the schema's
 * Query or Mutation fields (anything else, such as a document that failed to parse or an
 * introspection query, gets the one fixed label), and leaves it on the request with the
 * client's operationName, the outcome and the error codes: for the request's log line, and for
 * the HTTP timing, which observes the GraphQL histogram and error counts with its one measurement.
 */
export function graphqlObserverPlugin(metrics: MetricsService): ApolloServerPlugin<{ req?: ObservedRequest }> {
  return {
    async serverWillStart({ schema }) {
      metrics.setKnownOperations([...Object.keys(schema.getQueryType()?.getFields() ?? {}), ...Object.keys(schema.getMutationType()?.getFields() ?? {})]);
    },
    async requestDidStart({ request, contextValue }) {
      let operation = UNKNOWN_OPERATION;
      return {
        async didResolveOperation({ operation: definition }) {
          const field = definition?.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value !== '__typename');
          operation = metrics.operationLabel(field?.kind === Kind.FIELD ? field.name.value : undefined);
        },
        async willSendResponse({ response }) {
          const req = contextValue.req;
          if (!req) return;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const errorCodes = errors?.length ? errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')) : undefined;
          req.observed = {
            operation,
            operationName: request.operationName ? request.operationName.slice(0, OPERATION_NAME_LENGTH) : undefined,
            outcome: errorCodes ? errorCodes[0] : 'OK',
            errorCodes,
          };
        },
      };
    },
  };
}
