import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments from a gateway (Razorpay, Cashfree): each order's payment link, its failed attempts
 * and expiry, and every webhook event received, stored once per gateway and event key.
 */
export class GatewayPayments1733300000000 implements MigrationInterface {
  name = 'GatewayPayments1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE orders
        ADD COLUMN payment_gateway        varchar(16) CONSTRAINT orders_payment_gateway_check CHECK (payment_gateway IN ('RAZORPAY', 'CASHFREE')),
        ADD COLUMN payment_url            text,
        ADD COLUMN payment_link_id        varchar(128),
        ADD COLUMN payment_link_attempts  integer NOT NULL DEFAULT 0,
        ADD COLUMN failed_attempts        integer NOT NULL DEFAULT 0 CONSTRAINT orders_failed_attempts_nonnegative CHECK (failed_attempts >= 0),
        ADD COLUMN last_failed_attempt_at timestamptz,
        ADD COLUMN expired_at             timestamptz`);
    await queryRunner.query(`
      CREATE TABLE payment_events (
        id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        gateway            varchar(16) NOT NULL CONSTRAINT payment_events_gateway_check CHECK (gateway IN ('RAZORPAY', 'CASHFREE')),
        event_key          varchar(200) NOT NULL,
        type               varchar(64) NOT NULL,
        kind               varchar(16) NOT NULL CONSTRAINT payment_events_kind_check CHECK (kind IN ('CAPTURED', 'FAILED', 'REFUND', 'OTHER')),
        outcome            varchar(16) NOT NULL CONSTRAINT payment_events_outcome_check
                             CHECK (outcome IN ('PROCESSED', 'DUPLICATE', 'UNMATCHED', 'AMOUNT_MISMATCH', 'IGNORED')),
        order_id           bigint REFERENCES orders (id),
        payment_reference  varchar(100),
        gateway_payment_id varchar(128),
        amount             bigint,
        needs_review       boolean NOT NULL DEFAULT false,
        note               text,
        reviewed_at        timestamptz,
        reviewed_by_id     bigint REFERENCES users (id),
        review_note        text,
        body               text NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payment_events_key_unique UNIQUE (gateway, event_key)
      )`);
    await queryRunner.query(`CREATE INDEX payment_events_order_idx ON payment_events (order_id, created_at) WHERE order_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX payment_events_created_at_idx ON payment_events (created_at)`);
    await queryRunner.query(`CREATE INDEX payment_events_kind_idx ON payment_events (kind, created_at)`);
    await queryRunner.query(`CREATE INDEX payment_events_review_idx ON payment_events (created_at) WHERE needs_review`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payment_events`);
    await queryRunner.query(`
      ALTER TABLE orders
        DROP COLUMN payment_gateway, DROP COLUMN payment_url, DROP COLUMN payment_link_id, DROP COLUMN payment_link_attempts,
        DROP COLUMN failed_attempts, DROP COLUMN last_failed_attempt_at, DROP COLUMN expired_at`);
  }
}
