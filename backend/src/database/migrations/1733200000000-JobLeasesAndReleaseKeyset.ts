import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scale-out behind a transaction-mode pooler (PgBouncer), where no session outlives a
 * transaction:
 *  - `job_leases`: which process runs a multi-transaction job (the commission release) right
 *    now, taken and renewed by single statements and expiring on its own when that process
 *    dies; a session advisory lock or temporary table cannot span transactions there.
 *  - `commissions_pending_beneficiary_idx`: the release walks the PENDING commissions in
 *    beneficiary order with keyset batches (each resumes after the last key), so a batch covers
 *    a run of consecutive beneficiaries and locks each wallet once, without a session temporary
 *    table to number them. `release_at` is included so the maturity test reads the index entry.
 */
export class JobLeasesAndReleaseKeyset1733200000000 implements MigrationInterface {
  name = 'JobLeasesAndReleaseKeyset1733200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE job_leases (
        name        varchar(64) PRIMARY KEY,
        holder      varchar(128) NOT NULL,
        acquired_at timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX commissions_pending_beneficiary_idx ON commissions (beneficiary_id, id) INCLUDE (release_at) WHERE status = 'PENDING'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX commissions_pending_beneficiary_idx`);
    await queryRunner.query(`DROP TABLE job_leases`);
  }
}
