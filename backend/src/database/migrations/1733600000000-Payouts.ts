import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payouts through a provider (RazorpayX): withdrawals gain PROCESSING (sent; the money stays
 * locked), FAILED (locked → available) and REVERSED (paid, then returned: withdrawn → available),
 * the provider's payout id and failure reason, and every payout event received is stored once.
 * A REVERSED withdrawal keeps its paid_at: it was paid then (the reports' withdrawalsPaid counts
 * it in that period) and the reversal is its own, later event (reversed_at).
 */
export class Payouts1733600000000 implements MigrationInterface {
  name = 'Payouts1733600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE withdrawals
        DROP CONSTRAINT withdrawals_status_check,
        ADD CONSTRAINT withdrawals_status_check CHECK (status IN ('PENDING', 'APPROVED', 'PROCESSING', 'REJECTED', 'PAID', 'FAILED', 'REVERSED')),
        ADD COLUMN provider_payout_id varchar(64),
        ADD COLUMN provider_status    varchar(32),
        ADD COLUMN failure_reason     text,
        ADD COLUMN sent_at            timestamptz,
        ADD COLUMN status_checked_at  timestamptz,
        ADD COLUMN failed_at          timestamptz,
        ADD COLUMN reversed_at        timestamptz,
        ADD CONSTRAINT withdrawals_processing_sent CHECK (status <> 'PROCESSING' OR sent_at IS NOT NULL),
        ADD CONSTRAINT withdrawals_failed_stamped CHECK (status <> 'FAILED' OR (failed_at IS NOT NULL AND failure_reason IS NOT NULL)),
        ADD CONSTRAINT withdrawals_reversed_stamped CHECK (status <> 'REVERSED' OR (reversed_at IS NOT NULL AND paid_at IS NOT NULL))`);
    await queryRunner.query(`CREATE UNIQUE INDEX withdrawals_provider_payout_unique ON withdrawals (provider_payout_id) WHERE provider_payout_id IS NOT NULL`);
    // The money of a PROCESSING withdrawal is still locked: no second request meanwhile
    await queryRunner.query(`DROP INDEX withdrawals_one_open_per_user`);
    await queryRunner.query(`CREATE UNIQUE INDEX withdrawals_one_open_per_user ON withdrawals (user_id) WHERE status IN ('PENDING', 'APPROVED', 'PROCESSING')`);
    await queryRunner.query(`CREATE INDEX withdrawals_processing_idx ON withdrawals (coalesce(status_checked_at, sent_at)) WHERE status = 'PROCESSING'`);
    await queryRunner.query(`
      ALTER TABLE wallet_transactions
        DROP CONSTRAINT wallet_transactions_type_check,
        ADD CONSTRAINT wallet_transactions_type_check CHECK (type IN (
          'COMMISSION_CREDIT', 'COMMISSION_RELEASE', 'COMMISSION_REVERSAL', 'CLAWBACK',
          'WITHDRAWAL_LOCK', 'WITHDRAWAL_UNLOCK', 'WITHDRAWAL_PAYOUT', 'WITHDRAWAL_REVERSAL')),
        DROP CONSTRAINT wallet_transactions_transfer_types,
        ADD CONSTRAINT wallet_transactions_transfer_types CHECK (
          (type IN ('COMMISSION_RELEASE', 'WITHDRAWAL_LOCK', 'WITHDRAWAL_UNLOCK', 'WITHDRAWAL_PAYOUT', 'WITHDRAWAL_REVERSAL')) = (from_bucket IS NOT NULL))`);
    await queryRunner.query(`
      CREATE TABLE payout_events (
        id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_key          varchar(200) NOT NULL CONSTRAINT payout_events_key_unique UNIQUE,
        type               varchar(64) NOT NULL,
        provider_payout_id varchar(64),
        withdrawal_id      bigint REFERENCES withdrawals (id),
        outcome            varchar(16) NOT NULL CONSTRAINT payout_events_outcome_check CHECK (outcome IN ('PROCESSED', 'IGNORED', 'UNMATCHED')),
        note               text,
        body               text NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX payout_events_withdrawal_idx ON payout_events (withdrawal_id, created_at) WHERE withdrawal_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payout_events`);
    await queryRunner.query(`
      ALTER TABLE wallet_transactions
        DROP CONSTRAINT wallet_transactions_transfer_types,
        ADD CONSTRAINT wallet_transactions_transfer_types CHECK (
          (type IN ('COMMISSION_RELEASE', 'WITHDRAWAL_LOCK', 'WITHDRAWAL_UNLOCK', 'WITHDRAWAL_PAYOUT')) = (from_bucket IS NOT NULL)),
        DROP CONSTRAINT wallet_transactions_type_check,
        ADD CONSTRAINT wallet_transactions_type_check CHECK (type IN (
          'COMMISSION_CREDIT', 'COMMISSION_RELEASE', 'COMMISSION_REVERSAL', 'CLAWBACK', 'WITHDRAWAL_LOCK', 'WITHDRAWAL_UNLOCK', 'WITHDRAWAL_PAYOUT'))`);
    await queryRunner.query(`DROP INDEX withdrawals_processing_idx`);
    await queryRunner.query(`DROP INDEX withdrawals_one_open_per_user`);
    await queryRunner.query(`CREATE UNIQUE INDEX withdrawals_one_open_per_user ON withdrawals (user_id) WHERE status IN ('PENDING', 'APPROVED')`);
    await queryRunner.query(`DROP INDEX withdrawals_provider_payout_unique`);
    await queryRunner.query(`
      ALTER TABLE withdrawals
        DROP CONSTRAINT withdrawals_reversed_stamped, DROP CONSTRAINT withdrawals_failed_stamped, DROP CONSTRAINT withdrawals_processing_sent,
        DROP COLUMN provider_payout_id, DROP COLUMN provider_status, DROP COLUMN failure_reason, DROP COLUMN sent_at,
        DROP COLUMN status_checked_at, DROP COLUMN failed_at, DROP COLUMN reversed_at,
        DROP CONSTRAINT withdrawals_status_check,
        ADD CONSTRAINT withdrawals_status_check CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'PAID'))`);
  }
}
