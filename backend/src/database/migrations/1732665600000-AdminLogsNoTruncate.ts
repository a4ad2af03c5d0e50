import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log refuses TRUNCATE too, as the ledger does (UPDATE and DELETE were already refused). */
export class AdminLogsNoTruncate1732665600000 implements MigrationInterface {
  name = 'AdminLogsNoTruncate1732665600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TRIGGER admin_logs_no_truncate BEFORE TRUNCATE ON admin_logs FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER admin_logs_no_truncate ON admin_logs');
  }
}
