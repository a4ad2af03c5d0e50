import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The active-referrer KPI's marker, each level-1 beneficiary's latest commission, moves from its
 * own table (`report_referrer_last`) into the beneficiary's `referral_stats` row
 * (`last_level1_commission_at`). A payment already locks and updates that row, so setting one
 * more column in it replaces an upsert of another table in the payment statement (issue 11:
 * the payment's throughput with report maintenance on). The value is the same: the latest
 * `created_at` of the user's level-1 commissions, null when there is none. The reports' rebuild
 * and reconciliation cover the column (reporting.repository.ts).
 */
export class ReferrerLastInStats1733800000000 implements MigrationInterface {
  name = 'ReferrerLastInStats1733800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral_stats ADD COLUMN last_level1_commission_at timestamptz`);
    await queryRunner.query(`
      UPDATE referral_stats s SET last_level1_commission_at = r.last_at FROM report_referrer_last r WHERE r.beneficiary_id = s.user_id`);
    await queryRunner.query(`DROP TABLE report_referrer_last`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE report_referrer_last (beneficiary_id bigint PRIMARY KEY, last_at timestamptz NOT NULL, previous_at timestamptz) WITH (fillfactor = 70)`,
    );
    await queryRunner.query(`
      INSERT INTO report_referrer_last (beneficiary_id, last_at)
      SELECT user_id, last_level1_commission_at FROM referral_stats WHERE last_level1_commission_at IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE referral_stats DROP COLUMN last_level1_commission_at`);
  }
}
