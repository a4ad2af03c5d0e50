import type { GraphQLSchema } from 'graphql';
import { withErrorReasons } from './common/errors/error-catalog.js';
import { ERROR_CATALOGS } from './error-reasons.js';
import { existsSync } from 'node:fs';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Request, Response } from 'express';
import { AdminsModule } from './admins/admins.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AccessGuard } from './common/auth/access.guard.js';
import { graphQLErrorFormatter } from './common/errors/error-formatter.js';
import { GraphQLExceptionFilter } from './common/errors/graphql-exception.filter.js';
import { persistedQueryStatusPlugin } from './common/errors/request-errors.js';
import { DateTimeScalar } from './common/graphql/date-time.scalar.js';
import { inputGuardPlugin } from './common/graphql/input-guard.plugin.js';
import { playgroundPlugin } from './common/graphql/playground.plugin.js';
import { QUERY_PARSE_OPTIONS, queryCostPlugin, queryLimitRules } from './common/graphql/query-limits.js';
import { ADMIN_DIST_DIR, PLAYGROUND_DIST_DIR } from './common/paths.js';
import { setStaticAssetHeaders } from './common/static-assets.js';
import type { AppConfig } from './config/app-config.js';
import { CoreModule } from './core.module.js';
import { CommissionsModule } from './commissions/commissions.module.js';
import { FraudModule } from './fraud/fraud.module.js';
import { GraphQLLoaders, GraphQLLoadersModule } from './graphql-loaders.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { graphqlObserverPlugin } from './observability/graphql-observer.plugin.js';
import { MetricsService } from './observability/metrics.service.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { MiniAppModule } from './miniapp/miniapp.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { PayoutsModule } from './payouts/payouts.module.js';
import { ReferralsModule } from './referrals/referrals.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { UsersModule } from './users/users.module.js';
import { WalletsModule } from './wallets/wallets.module.js';
import { WithdrawalsModule } from './withdrawals/withdrawals.module.js';

/** Where the built admin panel and GraphQL playground are served. */
export const STATIC_SITE_ROOTS = ['/admin', '/playground'];

/**
 * The paths under a static site that name a file: anything under assets/, or a last segment with
 * an extension. One that does not exist is a 404 (during a rolling deploy, a page of the old
 * build asks for its hashed bundles); only the other paths are the panel's routes (index.html).
 */
const filePaths = (serveRoot: string) => new RegExp(`^${serveRoot}/(?:assets/.*|.*\\.[^/]*)$`);

function staticSites(config: AppConfig) {
  const serveStaticOptions = { setHeaders: setStaticAssetHeaders };
  const site = (rootPath: string, serveRoot: string) => ({ rootPath, serveRoot, serveStaticOptions, exclude: filePaths(serveRoot) });
  const sites = [
    site(ADMIN_DIST_DIR, '/admin'),
    // With the playground off (production by default) its page and assets are not served at all.
    ...(config.playground ? [site(PLAYGROUND_DIST_DIR, '/playground')] : []),
  ].filter((entry) => existsSync(entry.rootPath));
  return sites.length ? [ServeStaticModule.forRoot(...sites)] : [];
}

@Module({})
export class AppModule {
  /** The whole API, on the database at `databaseUrl` (already migrated). */
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, databaseUrl),
        ObservabilityModule.register(config),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [GraphQLLoadersModule],
          inject: [GraphQLLoaders, MetricsService],
          useFactory: (loaders: GraphQLLoaders, metrics: MetricsService) => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            // DateTime with its input checked (years 0001–9999), in place of Nest's GraphQLISODateTime.
            buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
            // The documented values of extensions.reason (an enum no field returns).
            transformSchema: (schema: GraphQLSchema) => withErrorReasons(schema, ERROR_CATALOGS),
            introspection: config.introspection,
            graphiql: false,
            includeStacktraceInErrorResponses: false,
            fieldResolverEnhancers: ['guards'],
            formatError: graphQLErrorFormatter({ hideSuggestions: !config.introspection }),
            // Nothing sends automatic persisted queries; a hash is answered BAD_REQUEST.
            persistedQueries: false,
            parseOptions: QUERY_PARSE_OPTIONS,
            validationRules: queryLimitRules(),
            context: ({ req, res }: { req: Request; res: Response }) => ({ req, res, loaders: loaders.forRequest() }),
            plugins: [inputGuardPlugin(), queryCostPlugin(), persistedQueryStatusPlugin(), playgroundPlugin(config.playground, PLAYGROUND_DIST_DIR), graphqlObserverPlugin(metrics)],
          }),
        }),
        ...staticSites(config),
        AuditModule,
        SettingsModule,
        UsersModule,
        ReferralsModule,
        AdminsModule,
        HealthModule,
        CommissionsModule,
        OrdersModule,
        WalletsModule,
        WithdrawalsModule,
        FraudModule,
        ReportingModule,
        PaymentsModule,
        PayoutsModule,
        MiniAppModule,
        JobsModule.register(config.JOBS_ENABLED),
      ],
      providers: [
        { provide: APP_GUARD, useExisting: AccessGuard },
        { provide: APP_FILTER, useClass: GraphQLExceptionFilter },
      ],
    };
  }
}
