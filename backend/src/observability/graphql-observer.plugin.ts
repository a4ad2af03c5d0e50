import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { ObservedRequest } from './logging.js';
import { type MetricsService, UNKNOWN_OPERATION } from './metrics.service.js';

const OPERATION_NAME_LENGTH = 100;

/**
 * Times every GraphQL operation and counts its errors by code, labelled by the root field it
 * runs, which must be one of the schema's Query or Mutation fields (anything else, such as a
 * document that failed to parse or an introspection query, gets the one fixed label). It leaves
 * the operation, the client's operationName and the outcome on the request for its log line.
 */
export function graphqlObserverPlugin(metrics: MetricsService): ApolloServerPlugin<{ req?: ObservedRequest }> {
  return {
    async serverWillStart({ schema }) {
      metrics.setKnownOperations([...Object.keys(schema.getQueryType()?.getFields() ?? {}), ...Object.keys(schema.getMutationType()?.getFields() ?? {})]);
    },
    async requestDidStart({ request, contextValue }) {
      const started = process.hrtime.bigint();
      let operation = UNKNOWN_OPERATION;
      return {
        async didResolveOperation({ operation: definition }) {
          const field = definition?.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value !== '__typename');
          operation = metrics.operationLabel(field?.kind === Kind.FIELD ? field.name.value : undefined);
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const outcome = codes[0] ?? 'OK';
          metrics.observeGraphql(operation, outcome, Number(process.hrtime.bigint() - started) / 1e9, codes);
          const req = contextValue.req;
          if (req) {
            req.observed = {
              operation,
              ...(request.operationName ? { operationName: request.operationName.slice(0, OPERATION_NAME_LENGTH) } : {}),
              outcome,
            };
          }
        },
      };
    },
  };
}
