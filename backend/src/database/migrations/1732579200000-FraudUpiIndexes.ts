import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DUPLICATE_UPI looks up, at every order and withdrawal, which other users gave the same UPI id.
 * UPI ids are case-insensitive (Ravi@okaxis pays the same account as ravi@okaxis), so the
 * lookup indexes lower(upi_id), with user_id so the distinct users are read from the index
 * alone. These replace the plain upi_id indexes, which nothing else used.
 */
export class FraudUpiIndexes1732579200000 implements MigrationInterface {
  name = 'FraudUpiIndexes1732579200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX orders_upi_user_idx ON orders (lower(upi_id), user_id) WHERE upi_id IS NOT NULL`);
    await queryRunner.query(`DROP INDEX orders_upi_idx`);
    await queryRunner.query(`CREATE INDEX withdrawals_upi_user_idx ON withdrawals (lower(upi_id), user_id)`);
    await queryRunner.query(`DROP INDEX withdrawals_upi_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX withdrawals_upi_idx ON withdrawals (upi_id)`);
    await queryRunner.query(`DROP INDEX withdrawals_upi_user_idx`);
    await queryRunner.query(`CREATE INDEX orders_upi_idx ON orders (upi_id) WHERE upi_id IS NOT NULL`);
    await queryRunner.query(`DROP INDEX orders_upi_user_idx`);
  }
}
