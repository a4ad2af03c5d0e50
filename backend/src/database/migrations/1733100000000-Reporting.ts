import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  applyDeltasSql,
  commissionStatusGroups,
  type FigureGroup,
  FIGURES,
  groupSql,
  orderGroups,
  sourceFiguresSql,
  sumByBucketSql,
  userGroups,
  withdrawalGroups,
} from '../../reporting/report-figures.js';

/** The users who just became converted (a CTE named `conv` of user ids), by registration hour. */
const CONVERSIONS: FigureGroup = {
  time: 'u.created_at',
  from: 'conv JOIN users u ON u.id = conv.user_id',
  figures: { converted_users: '1', converted_referred_users: '(u.referred_by_id IS NOT NULL)::int' },
};
const CONVERTED = 'EXISTS (SELECT 1 FROM report_converted_users x WHERE x.user_id = u.id)';

function plusMinus(groups: (from: string) => FigureGroup[]): string[] {
  return [...groups('new_rows').map((g) => groupSql(g, 1)), ...groups('old_rows').map((g) => groupSql(g, -1))];
}
const alias = (groups: (from: string) => FigureGroup[], letter: string) => (from: string) => groups(`${from} ${letter}`);

/**
 * One trigger: `body` runs once per statement with its transition tables, or (ROW) once per row
 * with OLD and NEW, when `when` holds.
 */
interface ReportTrigger {
  table: string;
  event: 'INSERT' | 'UPDATE';
  level?: 'ROW';
  when?: string;
  body: string;
}

const row = (record: 'NEW' | 'OLD') => `(SELECT ${record}.*)`;

const TRIGGERS: ReportTrigger[] = [
  {
    table: 'orders',
    event: 'INSERT',
    body: `WITH conv AS (
             INSERT INTO report_converted_users (user_id) SELECT DISTINCT user_id FROM new_rows WHERE paid_at IS NOT NULL
             ON CONFLICT DO NOTHING RETURNING user_id
           ) ${applyDeltasSql(sumByBucketSql([...orderGroups('new_rows o').map((g) => groupSql(g)), groupSql(CONVERSIONS)]))}`,
  },
  {
    // Per row, and not for a payment (PENDING → PAID): the payment statement maintains the
    // reports itself (reportPaidOrderCtes), so the hot path calls no trigger at all. Updates of
    // orders are otherwise one order at a time (fail, refund).
    table: 'orders',
    event: 'UPDATE',
    level: 'ROW',
    when: `NOT (OLD.status = 'PENDING' AND NEW.status = 'PAID')`,
    body: `WITH conv AS (
             INSERT INTO report_converted_users (user_id) SELECT NEW.user_id WHERE NEW.paid_at IS NOT NULL AND OLD.paid_at IS NULL
             ON CONFLICT DO NOTHING RETURNING user_id
           ) ${applyDeltasSql(
             sumByBucketSql([
               ...orderGroups(`${row('NEW')} o`).map((g) => groupSql(g, 1)),
               ...orderGroups(`${row('OLD')} o`).map((g) => groupSql(g, -1)),
               groupSql(CONVERSIONS),
             ]),
           )}`,
  },
  { table: 'commissions', event: 'UPDATE', body: applyDeltasSql(sumByBucketSql(plusMinus(alias(commissionStatusGroups, 'c')))) },
  { table: 'users', event: 'INSERT', body: applyDeltasSql(sumByBucketSql(userGroups('new_rows u', CONVERTED).map((g) => groupSql(g)))) },
  { table: 'users', event: 'UPDATE', body: applyDeltasSql(sumByBucketSql(plusMinus((from) => userGroups(`${from} u`, CONVERTED)))) },
  { table: 'withdrawals', event: 'INSERT', body: applyDeltasSql(sumByBucketSql(withdrawalGroups('new_rows w').map((g) => groupSql(g)))) },
  { table: 'withdrawals', event: 'UPDATE', body: applyDeltasSql(sumByBucketSql(plusMinus(alias(withdrawalGroups, 'w')))) },
];

export const REPORT_TRIGGER_NAMES = TRIGGERS.map(({ table, event }) => ({ table, name: `report_${table}_${event.toLowerCase()}` }));

/** Advisory lock class (two-key form) whose keys 1..256 mark the report shards live sessions hold. */
const REPORT_SHARD_LOCK_CLASS = 1920;

/**
 * Reporting rollups kept exact by the statements that change the source rows.
 *
 * `report_hourly` holds every figure per hour of the reporting time zone and per shard. The
 * shard is the writing session's (`report_shard()`: a sequence number taken once per database
 * session), so concurrent payments never update the same row and no payment waits for another
 * (one global counter row cut payment throughput to a third, PERF-NOTES). A compaction folds
 * closed hours' shards into shard 0. Statement-level triggers with transition tables add each
 * statement's deltas once per statement, so a 5,000-row release batch costs one small upsert,
 * not 5,000. `report_converted_users` marks users with a paid order (conversion KPIs by
 * registration hour) and `report_referrer_last` each level-1 beneficiary's latest commission
 * (active referrers up to now). A payment — the hot path — maintains all three in its own
 * statement (reportPaidOrderCtes) and fires no trigger.
 */
export class Reporting1733100000000 implements MigrationInterface {
  name = 'Reporting1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_hourly (
        bucket timestamptz NOT NULL,
        shard  smallint NOT NULL,
        ${FIGURES.map((figure) => `${figure} bigint NOT NULL DEFAULT 0`).join(',\n        ')},
        CONSTRAINT report_hourly_pkey PRIMARY KEY (bucket, shard)
      ) WITH (fillfactor = 50)`);
    await queryRunner.query(`CREATE TABLE report_converted_users (user_id bigint PRIMARY KEY)`);
    await queryRunner.query(`CREATE TABLE report_referrer_last (beneficiary_id bigint PRIMARY KEY, last_at timestamptz NOT NULL, previous_at timestamptz) WITH (fillfactor = 70)`);
    await queryRunner.query(`
      CREATE TABLE report_config (
        id boolean PRIMARY KEY DEFAULT true CONSTRAINT report_config_single_row CHECK (id),
        time_zone text NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO report_config (time_zone) VALUES ('Asia/Kolkata')`);
    await queryRunner.query(`CREATE SEQUENCE report_shard_seq`);
    // Redefined (with the configured zone) by the app when REPORTING_TIME_ZONE changes.
    await queryRunner.query(`
      CREATE FUNCTION report_hour(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT date_trunc('hour', at AT TIME ZONE 'Asia/Kolkata') AT TIME ZONE 'Asia/Kolkata' $$`);
    await queryRunner.query(`
      CREATE FUNCTION report_shard() RETURNS smallint LANGUAGE plpgsql AS $$
      DECLARE
        shard text := current_setting('report.shard', true);
        candidate int;
      BEGIN
        IF shard IS NULL OR shard = '' THEN
          -- A shard no other live session holds (a session advisory lock marks it, released when the
          -- connection closes), so two transactions never write the same rollup row and cannot
          -- deadlock on two of them; past 256 live sessions, shards are shared.
          FOR candidate IN 1..256 LOOP
            IF pg_try_advisory_lock(${REPORT_SHARD_LOCK_CLASS}, candidate) THEN
              shard := candidate::text;
              EXIT;
            END IF;
          END LOOP;
          IF shard IS NULL OR shard = '' THEN
            shard := (nextval('report_shard_seq') % 256 + 1)::text;
          END IF;
          PERFORM set_config('report.shard', shard, false);
        END IF;
        RETURN shard::smallint;
      END $$`);
    for (const trigger of TRIGGERS) {
      const name = `report_${trigger.table}_${trigger.event.toLowerCase()}`;
      await queryRunner.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${trigger.body};
          RETURN NULL;
        END $$`);
      const referencing = trigger.event === 'INSERT' ? 'NEW TABLE AS new_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      const timing = trigger.level === 'ROW' ? `FOR EACH ROW WHEN (${trigger.when})` : `REFERENCING ${referencing} FOR EACH STATEMENT`;
      await queryRunner.query(`CREATE TRIGGER ${name} AFTER ${trigger.event} ON ${trigger.table} ${timing} EXECUTE FUNCTION ${name}()`);
    }
    // The reports' sub-hour edges and lists read these.
    await queryRunner.query(`CREATE INDEX orders_refunded_at_idx ON orders (refunded_at) WHERE refunded_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX orders_failed_at_idx ON orders (failed_at) WHERE failed_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX orders_pending_created_idx ON orders (created_at) WHERE status = 'PENDING'`);
    await queryRunner.query(`CREATE INDEX withdrawals_paid_at_idx ON withdrawals (paid_at) WHERE paid_at IS NOT NULL`);
    // Rows that exist already (the rollups start exact).
    await queryRunner.query(`INSERT INTO report_converted_users (user_id) SELECT DISTINCT user_id FROM orders WHERE paid_at IS NOT NULL`);
    await queryRunner.query(
      `INSERT INTO report_referrer_last (beneficiary_id, last_at) SELECT beneficiary_id, max(created_at) FROM commissions WHERE level = 1 GROUP BY beneficiary_id`,
    );
    await queryRunner.query(`INSERT INTO report_hourly (bucket, shard, ${FIGURES.join(', ')}) SELECT bucket, 0, ${FIGURES.join(', ')} FROM (${sourceFiguresSql()}) s`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX withdrawals_paid_at_idx');
    await queryRunner.query('DROP INDEX orders_pending_created_idx');
    await queryRunner.query('DROP INDEX orders_failed_at_idx');
    await queryRunner.query('DROP INDEX orders_refunded_at_idx');
    for (const { table, name } of [...REPORT_TRIGGER_NAMES].reverse()) {
      await queryRunner.query(`DROP TRIGGER ${name} ON ${table}`);
      await queryRunner.query(`DROP FUNCTION ${name}()`);
    }
    await queryRunner.query('DROP FUNCTION report_shard()');
    await queryRunner.query('DROP FUNCTION report_hour(timestamptz)');
    await queryRunner.query('DROP SEQUENCE report_shard_seq');
    await queryRunner.query('DROP TABLE report_config');
    await queryRunner.query('DROP TABLE report_referrer_last');
    await queryRunner.query('DROP TABLE report_converted_users');
    await queryRunner.query('DROP TABLE report_hourly');
  }
}
