import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { GraphQLResolveInfo } from 'graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { RequestPrincipal } from '../common/auth/principal.js';
import { TransactionService } from '../database/transaction.service.js';
import { AuditService, auditSnapshot } from './audit.service.js';

/**
 * Audits every admin mutation structurally: the mutation runs in one transaction, and its
 * admin_logs row is inserted in that same transaction once it succeeds. A mutation that throws
 * rolls back and leaves no row. Bot and public mutations are not admin actions and pass through.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const graphql = GqlExecutionContext.create(context);
    const info = graphql.getInfo<GraphQLResolveInfo>();
    const request = graphql.getContext<{ req: Request & { principal?: RequestPrincipal } }>().req;
    const principal = request.principal;
    if (info.parentType.name !== 'Mutation' || principal?.kind !== 'admin') return next.handle();

    const args = graphql.getArgs<Record<string, unknown>>();
    return from(
      this.transactions.run(async () => {
        const { result, details } = await this.audit.record(() => lastValueFrom(next.handle()));
        const target = result as { id?: unknown } | null;
        const targetId = details.targetId ?? (args.id as string | undefined) ?? (args.key as string | undefined) ?? (target?.id as string | undefined);
        await this.audit.write({
          adminId: principal.id,
          action: details.action ?? info.fieldName,
          targetType: details.targetType ?? namedType(info),
          targetId: targetId === undefined || targetId === null ? null : String(targetId),
          before: jsonOrNull(details.before),
          after: jsonOrNull(details.after ?? result),
          ipAddress: request.ip ?? null,
          userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
        });
        return result;
      }),
    );
  }
}

function jsonOrNull(value: unknown): string | null {
  const snapshot = auditSnapshot(value);
  return snapshot === null ? null : JSON.stringify(snapshot);
}

function namedType(info: GraphQLResolveInfo): string | null {
  let type = info.returnType as { ofType?: unknown; name?: string };
  while (type.ofType) type = type.ofType as typeof type;
  return ['Int', 'Boolean', 'String', 'ID'].includes(type.name ?? '') ? null : (type.name ?? null);
}
