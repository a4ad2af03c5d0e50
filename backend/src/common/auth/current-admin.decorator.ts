import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { CommonError, CommonException } from '../errors/domain.exception.js';
import type { AdminPrincipal, RequestPrincipal } from './principal.js';

export function requestOf(context: ExecutionContext): Request {
  return context.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext<{ req: Request }>().req
    : context.switchToHttp().getRequest<Request>();
}

/** The admin calling the resolver (the guard has already checked there is one). */
export const CurrentAdmin = createParamDecorator((_data: unknown, context: ExecutionContext): AdminPrincipal => {
  const principal = (requestOf(context) as Request & { principal?: RequestPrincipal }).principal;
  if (principal?.kind !== 'admin') throw new CommonException(CommonError.UNAUTHENTICATED);
  return principal;
});
