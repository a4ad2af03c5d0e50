import type { MigrationInterface, QueryRunner } from 'typeorm';

const SET_TIME_ZONE = (nextDay: boolean) => `
  CREATE OR REPLACE FUNCTION report_set_time_zone(zone text) RETURNS void LANGUAGE plpgsql AS $body$
  BEGIN
    EXECUTE format($f$CREATE OR REPLACE FUNCTION report_hour(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
                      AS $b$ SELECT date_trunc('hour', at AT TIME ZONE %1$L) AT TIME ZONE %1$L $b$ $f$, zone);
    EXECUTE format($f$CREATE OR REPLACE FUNCTION report_day(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
                      AS $b$ SELECT date_trunc('day', at AT TIME ZONE %1$L) AT TIME ZONE %1$L $b$ $f$, zone);${
  nextDay
    ? `
    EXECUTE format($f$CREATE OR REPLACE FUNCTION report_next_day(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
                      AS $b$ SELECT (date_trunc('day', at AT TIME ZONE %1$L) + interval '1 day') AT TIME ZONE %1$L $b$ $f$, zone);`
    : ''
}
    UPDATE report_config SET time_zone = zone;
  END $body$`;

/**
 * `report_next_day(at)`: the first midnight of the reporting time zone after `at`, beside
 * `report_hour` and `report_day` (a day is 23 to 25 hours long, so it is not `report_day(at)` plus
 * 24 hours). The reports wrote it as `report_day(report_day(at) + interval '26 hours')` in three
 * places. `report_set_time_zone` now defines all three functions.
 */
export class ReportNextDay1733820000000 implements MigrationInterface {
  name = 'ReportNextDay1733820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(SET_TIME_ZONE(true));
    await queryRunner.query(`SELECT report_set_time_zone(time_zone) FROM report_config`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(SET_TIME_ZONE(false));
    await queryRunner.query(`DROP FUNCTION report_next_day(timestamptz)`);
  }
}
