import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config.js';
import { CommonError, CommonException, DomainException } from '../errors/domain.exception.js';
import { ACCESS_KEY, Principal } from './access.decorator.js';
import type { AdminPrincipal, RequestPrincipal } from './principal.js';

type PrincipalRequest = Request & { principal?: RequestPrincipal; principalLookup?: Promise<RequestPrincipal> };

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Runs passport-jwt for one request and turns every failure into UNAUTHENTICATED. */
@Injectable()
export class JwtAuthenticator extends AuthGuard('jwt') {
  override getRequest(context: ExecutionContext) {
    return requestFrom(context);
  }

  getResponse(context: ExecutionContext) {
    return context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<{ res: Response }>().res
      : context.switchToHttp().getResponse<Response>();
  }

  override handleRequest<T>(error: unknown, admin: T, info: unknown): T {
    if (error instanceof DomainException) throw error;
    if (error || !admin) {
      const expired = (info as { name?: string } | undefined)?.name === 'TokenExpiredError';
      throw new CommonException(expired ? CommonError.TOKEN_EXPIRED : CommonError.INVALID_TOKEN);
    }
    return admin;
  }
}

function requestFrom(context: ExecutionContext): PrincipalRequest {
  return context.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext<{ req: PrincipalRequest }>().req
    : context.switchToHttp().getRequest<PrincipalRequest>();
}

/**
 * The one global guard. Every query, mutation, field resolver and route must carry an `@Access`
 * marker; without one it is refused. The caller is identified once per request (the bot by
 * `x-api-key`, compared in constant time; an admin by JWT) and cached on the request.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly botKeyDigest: Buffer;

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtAuthenticator) private readonly jwt: JwtAuthenticator,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.botKeyDigest = digest(config.BOT_API_KEY);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed = this.reflector.getAllAndOverride<Principal[] | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!allowed?.length) throw new CommonException(CommonError.NOT_EXPOSED);
    if (allowed.includes(Principal.PUBLIC)) return true;

    const request = requestFrom(context);
    request.principalLookup ??= this.identify(context, request);
    const principal = await request.principalLookup;
    if (!principal) throw new CommonException(CommonError.UNAUTHENTICATED);
    if (principal.kind === 'bot') {
      if (allowed.includes(Principal.BOT)) return true;
      throw new CommonException(CommonError.FORBIDDEN, 'The bot may not call this operation');
    }
    if (allowed.includes(Principal.ADMIN) || (allowed.includes(Principal.SUPER_ADMIN) && principal.role === 'SUPER_ADMIN')) {
      return true;
    }
    throw new CommonException(
      CommonError.FORBIDDEN,
      allowed.includes(Principal.SUPER_ADMIN) ? 'Only a super admin may do this' : 'Admins may not call this operation',
    );
  }

  private async identify(context: ExecutionContext, request: PrincipalRequest): Promise<RequestPrincipal> {
    const apiKey = request.headers['x-api-key'];
    if (apiKey !== undefined) {
      if (typeof apiKey === 'string' && timingSafeEqual(digest(apiKey), this.botKeyDigest)) {
        request.principal = { kind: 'bot' };
        return request.principal;
      }
      throw new CommonException(CommonError.INVALID_API_KEY);
    }
    if (!request.headers.authorization) return null;
    await this.jwt.canActivate(context);
    request.principal = (request as unknown as { user: AdminPrincipal }).user;
    return request.principal;
  }
}
