import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import type { Request } from 'express';
import { plainBodyError } from './request-body-errors.js';

/**
 * Hands GraphQL errors straight to Apollo, where formatGraphQLError gives them their contract
 * code and logs only the unexpected ones. (Nest's default handler would log every refusal, a
 * wrong password or a withdrawal below the minimum, as a server error with a stack trace.)
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    // Thrown, not returned: a returned value is the resolver's result, which graphql-js treats
    // as an error only when it is an `instanceof Error` of its own realm (not so for a driver's
    // socket error under Jest's VM modules, which then surfaced as "Cannot return null").
    if (host.getType<GqlContextType>() === 'graphql') throw exception;
    // A body the JSON parser refused on a route other than /graphql (which answers those itself).
    const bodyError = host.getType() === 'http' ? plainBodyError(exception, host.switchToHttp().getRequest<Request>()) : undefined;
    return super.catch(bodyError ?? exception, host);
  }
}
