import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Payout events list (`allPayoutEvents`) opens newest first (`created_at DESC`, then id), and
 * payout_events had only its (withdrawal_id, created_at) index: every page sorted every event.
 * Read backwards through this index a page reads its own rows, as the payment events list does
 * through payment_events_created_at_idx.
 */
export class PayoutEventsCreatedAt1733900000000 implements MigrationInterface {
  name = 'PayoutEventsCreatedAt1733900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX payout_events_created_at_idx ON payout_events (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX payout_events_created_at_idx`);
  }
}
