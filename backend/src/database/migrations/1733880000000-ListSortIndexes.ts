import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two lists that opened sorted by a column without an index: the Withdrawals list's "All"
 * tab and the unfiltered Fraud flags list (both `created_at DESC`, then id) sorted every row for
 * each page. At 1,000,000 users (125,885 withdrawals) a page of withdrawals took 35 ms; read
 * backwards through these indexes a page reads its own rows. Every other list's default sort
 * has its index already.
 */
export class ListSortIndexes1733880000000 implements MigrationInterface {
  name = 'ListSortIndexes1733880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX withdrawals_created_at_idx ON withdrawals (created_at)`);
    await queryRunner.query(`CREATE INDEX fraud_flags_created_at_idx ON fraud_flags (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX fraud_flags_created_at_idx`);
    await queryRunner.query(`DROP INDEX withdrawals_created_at_idx`);
  }
}
