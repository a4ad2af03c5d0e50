import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A movement between two balance buckets (release, withdrawal lock, unlock, payout) becomes one
 * ledger entry with `from_bucket`, instead of a debit row and a credit row: half the ledger
 * writes on the release job's million-row runs. A bucket's balance is the sum of the entries
 * into it less the sum of the transfers out of it.
 */
export class LedgerTransfers1732492800000 implements MigrationInterface {
  name = 'LedgerTransfers1732492800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE wallet_transactions
        ADD COLUMN from_bucket varchar(16)
          CONSTRAINT wallet_transactions_from_bucket_check CHECK (from_bucket IN ('PENDING', 'AVAILABLE', 'LOCKED', 'WITHDRAWN')),
        ADD CONSTRAINT wallet_transactions_transfer_shape CHECK (from_bucket IS NULL OR (from_bucket <> bucket AND amount > 0)),
        ADD CONSTRAINT wallet_transactions_transfer_types CHECK (
          (type IN ('COMMISSION_RELEASE', 'WITHDRAWAL_LOCK', 'WITHDRAWAL_UNLOCK', 'WITHDRAWAL_PAYOUT')) = (from_bucket IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE wallet_transactions
        DROP CONSTRAINT wallet_transactions_transfer_types,
        DROP CONSTRAINT wallet_transactions_transfer_shape,
        DROP COLUMN from_bucket`);
  }
}
