import pg, { type Pool, type PoolConfig } from 'pg';

/** The pools TypeORM made through `observedPg()`'s driver (its primary's, and replicas' if any). */
export interface PoolRegistry {
  readonly pools: readonly Pool[];
}

/**
 * The `pg` module for TypeORM's `driver` option (its documented way to supply the driver): the
 * same module, except that its `Pool` remembers each pool TypeORM creates, so /metrics can show
 * TypeORM's connections without reaching into TypeORM's driver. One per DataSource.
 */
export function observedPg(): typeof pg & PoolRegistry {
  const pools: Pool[] = [];
  class ObservedPool extends pg.Pool {
    constructor(config?: PoolConfig) {
      super(config);
      pools.push(this);
    }
  }
  return Object.assign(Object.create(pg) as typeof pg, { Pool: ObservedPool, pools });
}

/** The registry of a DataSource's `driver` option, when it is one of `observedPg()`'s. */
export function poolRegistry(driver: unknown): PoolRegistry | undefined {
  return driver && Array.isArray((driver as Partial<PoolRegistry>).pools) ? (driver as PoolRegistry) : undefined;
}
