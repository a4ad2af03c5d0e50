import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole product schema. Money is bigint paise, Telegram ids are bigint, and the constraints
 * here are the last guard for money: CHECKs on amounts and balances, UNIQUE transaction ids and
 * one commission per order and level, foreign keys everywhere, and an append-only ledger.
 */
export class InitialSchema1732406400000 implements MigrationInterface {
  name = 'InitialSchema1732406400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        telegram_id     bigint NOT NULL CONSTRAINT users_telegram_id_positive CHECK (telegram_id > 0),
        username        varchar(64),
        first_name      varchar(128),
        last_name       varchar(128),
        referral_code   varchar(16) NOT NULL CONSTRAINT users_referral_code_format CHECK (referral_code ~ '^[A-Z0-9]{6,16}$'),
        referred_by_id  bigint REFERENCES users (id),
        referral_code_used varchar(64),
        attribution_note   varchar(32),
        status          varchar(16) NOT NULL DEFAULT 'ACTIVE' CONSTRAINT users_status_check CHECK (status IN ('ACTIVE', 'SUSPICIOUS', 'BLOCKED')),
        blocked_reason  text,
        blocked_at      timestamptz,
        fraud_exempt    boolean NOT NULL DEFAULT false,
        device_id       varchar(128),
        ip_address      varchar(64),
        admin_role      varchar(16) CONSTRAINT users_admin_role_check CHECK (admin_role IN ('ADMIN', 'SUPER_ADMIN')),
        admin_active    boolean NOT NULL DEFAULT true,
        password_hash   text,
        password_changed_at timestamptz,
        last_login_at   timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_telegram_id_unique UNIQUE (telegram_id),
        CONSTRAINT users_referral_code_unique UNIQUE (referral_code),
        CONSTRAINT users_not_self_referred CHECK (referred_by_id IS NULL OR referred_by_id <> id),
        CONSTRAINT users_admin_has_password CHECK (admin_role IS NULL OR password_hash IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX users_referred_by_idx ON users (referred_by_id, created_at) WHERE referred_by_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX users_created_at_idx ON users (created_at)`);
    await queryRunner.query(`CREATE INDEX users_status_idx ON users (status, created_at) WHERE status <> 'ACTIVE'`);
    await queryRunner.query(`CREATE INDEX users_admin_idx ON users (admin_role) WHERE admin_role IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX users_device_idx ON users (device_id) WHERE device_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX users_ip_idx ON users (ip_address, created_at) WHERE ip_address IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX users_username_idx ON users (lower(username) text_pattern_ops)`);

    await queryRunner.query(`
      CREATE TABLE referrals (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        referrer_id  bigint NOT NULL REFERENCES users (id),
        referred_id  bigint NOT NULL REFERENCES users (id),
        code_used    varchar(64) NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        converted_at timestamptz,
        first_order_id bigint,
        CONSTRAINT referrals_referred_unique UNIQUE (referred_id),
        CONSTRAINT referrals_not_self CHECK (referrer_id <> referred_id)
      )`);
    await queryRunner.query(`CREATE INDEX referrals_referrer_idx ON referrals (referrer_id, created_at)`);
    await queryRunner.query(`CREATE INDEX referrals_created_at_idx ON referrals (created_at)`);

    await queryRunner.query(`
      CREATE TABLE referral_clicks (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        referrer_id  bigint NOT NULL REFERENCES users (id),
        user_id      bigint NOT NULL REFERENCES users (id),
        code_used    varchar(64) NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX referral_clicks_referrer_idx ON referral_clicks (referrer_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE referral_stats (
        user_id           bigint PRIMARY KEY REFERENCES users (id),
        direct_referrals  integer NOT NULL DEFAULT 0 CHECK (direct_referrals >= 0),
        level2_referrals  integer NOT NULL DEFAULT 0 CHECK (level2_referrals >= 0),
        clicks            integer NOT NULL DEFAULT 0 CHECK (clicks >= 0),
        conversions       integer NOT NULL DEFAULT 0 CHECK (conversions >= 0),
        level1_earned     bigint NOT NULL DEFAULT 0 CHECK (level1_earned >= 0),
        level2_earned     bigint NOT NULL DEFAULT 0 CHECK (level2_earned >= 0),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT referral_stats_conversions_bounded CHECK (conversions <= direct_referrals)
      )`);
    await queryRunner.query(`CREATE INDEX referral_stats_direct_idx ON referral_stats (direct_referrals DESC) WHERE direct_referrals > 0`);

    await queryRunner.query(`
      CREATE TABLE orders (
        id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id            bigint NOT NULL REFERENCES users (id),
        status             varchar(16) NOT NULL DEFAULT 'PENDING' CONSTRAINT orders_status_check CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'REFUNDED')),
        payment_method     varchar(16) NOT NULL CONSTRAINT orders_payment_method_check CHECK (payment_method IN ('UPI')),
        upi_id             varchar(100),
        idempotency_key    varchar(100),
        product_name       varchar(200) NOT NULL,
        amount             bigint NOT NULL CONSTRAINT orders_amount_positive CHECK (amount > 0),
        cost               bigint NOT NULL CONSTRAINT orders_cost_bounds CHECK (cost >= 0 AND cost < amount),
        profit             bigint GENERATED ALWAYS AS (amount - cost) STORED,
        level1_rate_bps    integer NOT NULL CHECK (level1_rate_bps BETWEEN 0 AND 10000),
        level2_rate_bps    integer NOT NULL CHECK (level2_rate_bps BETWEEN 0 AND 10000),
        commission_rounding varchar(8) NOT NULL CHECK (commission_rounding IN ('RUPEE', 'PAISE')),
        commission_hold_hours integer NOT NULL CHECK (commission_hold_hours BETWEEN 0 AND 720),
        transaction_id     varchar(128),
        failed_transaction_id varchar(128),
        paid_at            timestamptz,
        failed_at          timestamptz,
        refunded_at        timestamptz,
        refund_reason      text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_transaction_id_unique UNIQUE (transaction_id),
        CONSTRAINT orders_idempotency_unique UNIQUE (user_id, idempotency_key),
        CONSTRAINT orders_paid_has_transaction CHECK (status IN ('PENDING', 'FAILED') OR (transaction_id IS NOT NULL AND paid_at IS NOT NULL)),
        CONSTRAINT orders_rates_bounded CHECK (level1_rate_bps + level2_rate_bps <= 10000)
      )`);
    await queryRunner.query(`CREATE INDEX orders_user_idx ON orders (user_id, created_at)`);
    await queryRunner.query(`CREATE INDEX orders_status_idx ON orders (status, created_at)`);
    await queryRunner.query(`CREATE INDEX orders_created_at_idx ON orders (created_at)`);
    await queryRunner.query(`CREATE INDEX orders_paid_at_idx ON orders (paid_at) WHERE paid_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX orders_upi_idx ON orders (upi_id) WHERE upi_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE referrals ADD CONSTRAINT referrals_first_order_fk FOREIGN KEY (first_order_id) REFERENCES orders (id)`);

    await queryRunner.query(`
      CREATE TABLE commissions (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id       bigint NOT NULL REFERENCES orders (id),
        beneficiary_id bigint NOT NULL REFERENCES users (id),
        source_user_id bigint NOT NULL REFERENCES users (id),
        level          smallint NOT NULL CONSTRAINT commissions_level_check CHECK (level IN (1, 2)),
        amount         bigint NOT NULL CONSTRAINT commissions_amount_positive CHECK (amount > 0),
        status         varchar(16) NOT NULL DEFAULT 'PENDING' CONSTRAINT commissions_status_check CHECK (status IN ('PENDING', 'AVAILABLE', 'REVERSED')),
        release_at     timestamptz NOT NULL,
        released_at    timestamptz,
        reversed_at    timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT commissions_order_level_unique UNIQUE (order_id, level),
        CONSTRAINT commissions_not_self CHECK (beneficiary_id <> source_user_id),
        CONSTRAINT commissions_released_stamped CHECK (status <> 'AVAILABLE' OR released_at IS NOT NULL),
        CONSTRAINT commissions_reversed_stamped CHECK (status <> 'REVERSED' OR reversed_at IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX commissions_release_idx ON commissions (release_at, id) WHERE status = 'PENDING'`);
    await queryRunner.query(`CREATE INDEX commissions_beneficiary_idx ON commissions (beneficiary_id, created_at)`);
    await queryRunner.query(`CREATE INDEX commissions_status_idx ON commissions (status, created_at)`);
    await queryRunner.query(`CREATE INDEX commissions_created_at_idx ON commissions (created_at)`);

    await queryRunner.query(`
      CREATE TABLE wallets (
        user_id      bigint PRIMARY KEY REFERENCES users (id),
        pending      bigint NOT NULL DEFAULT 0 CONSTRAINT wallets_pending_nonnegative CHECK (pending >= 0),
        available    bigint NOT NULL DEFAULT 0,
        locked       bigint NOT NULL DEFAULT 0 CONSTRAINT wallets_locked_nonnegative CHECK (locked >= 0),
        withdrawn    bigint NOT NULL DEFAULT 0 CONSTRAINT wallets_withdrawn_nonnegative CHECK (withdrawn >= 0),
        total_earned bigint NOT NULL DEFAULT 0 CONSTRAINT wallets_total_earned_nonnegative CHECK (total_earned >= 0),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        -- every movement keeps the buckets summing to what was earned; a clawback may take available below zero
        CONSTRAINT wallets_buckets_balance CHECK (pending + available + locked + withdrawn = total_earned)
      )`);
    await queryRunner.query(`CREATE INDEX wallets_negative_idx ON wallets (user_id) WHERE available < 0`);

    await queryRunner.query(`
      CREATE TABLE withdrawals (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id          bigint NOT NULL REFERENCES users (id),
        amount           bigint NOT NULL CONSTRAINT withdrawals_amount_positive CHECK (amount > 0),
        upi_id           varchar(100) NOT NULL,
        status           varchar(16) NOT NULL DEFAULT 'PENDING' CONSTRAINT withdrawals_status_check CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'PAID')),
        reject_reason    text,
        payout_reference varchar(128),
        approved_by_id   bigint REFERENCES users (id),
        decided_by_id    bigint REFERENCES users (id),
        approved_at      timestamptz,
        rejected_at      timestamptz,
        paid_at          timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT withdrawals_paid_has_reference CHECK (status <> 'PAID' OR payout_reference IS NOT NULL),
        CONSTRAINT withdrawals_rejected_has_reason CHECK (status <> 'REJECTED' OR reject_reason IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX withdrawals_one_open_per_user ON withdrawals (user_id) WHERE status IN ('PENDING', 'APPROVED')`);
    await queryRunner.query(`CREATE INDEX withdrawals_user_idx ON withdrawals (user_id, created_at)`);
    await queryRunner.query(`CREATE INDEX withdrawals_status_idx ON withdrawals (status, created_at)`);
    await queryRunner.query(`CREATE INDEX withdrawals_upi_idx ON withdrawals (upi_id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX withdrawals_payout_reference_unique ON withdrawals (payout_reference) WHERE payout_reference IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE wallet_transactions (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id        bigint NOT NULL REFERENCES wallets (user_id),
        type           varchar(32) NOT NULL CONSTRAINT wallet_transactions_type_check CHECK (type IN (
                         'COMMISSION_CREDIT', 'COMMISSION_RELEASE', 'COMMISSION_REVERSAL', 'CLAWBACK',
                         'WITHDRAWAL_LOCK', 'WITHDRAWAL_UNLOCK', 'WITHDRAWAL_PAYOUT')),
        bucket         varchar(16) NOT NULL CONSTRAINT wallet_transactions_bucket_check CHECK (bucket IN ('PENDING', 'AVAILABLE', 'LOCKED', 'WITHDRAWN')),
        amount         bigint NOT NULL CONSTRAINT wallet_transactions_amount_nonzero CHECK (amount <> 0),
        order_id       bigint REFERENCES orders (id),
        commission_id  bigint REFERENCES commissions (id),
        withdrawal_id  bigint REFERENCES withdrawals (id),
        actor          varchar(64) NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT wallet_transactions_has_reference CHECK (num_nonnulls(order_id, commission_id, withdrawal_id) >= 1)
      )`);
    await queryRunner.query(`CREATE INDEX wallet_transactions_user_idx ON wallet_transactions (user_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX wallet_transactions_order_idx ON wallet_transactions (order_id) WHERE order_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX wallet_transactions_commission_idx ON wallet_transactions (commission_id) WHERE commission_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX wallet_transactions_withdrawal_idx ON wallet_transactions (withdrawal_id) WHERE withdrawal_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX wallet_transactions_created_at_idx ON wallet_transactions (created_at)`);

    await queryRunner.query(`
      CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER wallet_transactions_append_only BEFORE UPDATE OR DELETE ON wallet_transactions FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`);
    await queryRunner.query(`CREATE TRIGGER wallet_transactions_no_truncate BEFORE TRUNCATE ON wallet_transactions FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`);

    await queryRunner.query(`
      CREATE TABLE fraud_flags (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id         bigint NOT NULL REFERENCES users (id),
        type            varchar(32) NOT NULL CONSTRAINT fraud_flags_type_check CHECK (type IN ('DUPLICATE_UPI', 'DUPLICATE_DEVICE', 'DUPLICATE_IP', 'LOW_CONVERSION', 'RAPID_SIGNUPS', 'MANUAL')),
        severity        varchar(16) NOT NULL CONSTRAINT fraud_flags_severity_check CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH')),
        status          varchar(16) NOT NULL DEFAULT 'OPEN' CONSTRAINT fraud_flags_status_check CHECK (status IN ('OPEN', 'RESOLVED', 'DISMISSED')),
        reason          text NOT NULL,
        evidence_key    varchar(256) NOT NULL,
        evidence        jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_by_id   bigint REFERENCES users (id),
        resolved_by_id  bigint REFERENCES users (id),
        resolution_note text,
        resolved_at     timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fraud_flags_resolution_recorded CHECK (status = 'OPEN' OR (resolved_at IS NOT NULL AND resolution_note IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX fraud_flags_open_unique ON fraud_flags (user_id, type, evidence_key) WHERE status = 'OPEN'`);
    await queryRunner.query(`CREATE INDEX fraud_flags_user_idx ON fraud_flags (user_id, status)`);
    await queryRunner.query(`CREATE INDEX fraud_flags_status_idx ON fraud_flags (status, created_at)`);
    await queryRunner.query(`CREATE INDEX fraud_flags_type_idx ON fraud_flags (type, created_at)`);

    await queryRunner.query(`
      CREATE TABLE admin_logs (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        admin_id    bigint REFERENCES users (id),
        action      varchar(64) NOT NULL,
        target_type varchar(64),
        target_id   varchar(64),
        before      jsonb,
        after       jsonb,
        ip_address  varchar(64),
        user_agent  varchar(512),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX admin_logs_admin_idx ON admin_logs (admin_id, created_at)`);
    await queryRunner.query(`CREATE INDEX admin_logs_action_idx ON admin_logs (action, created_at)`);
    await queryRunner.query(`CREATE INDEX admin_logs_target_idx ON admin_logs (target_type, target_id, created_at)`);
    await queryRunner.query(`CREATE INDEX admin_logs_created_at_idx ON admin_logs (created_at)`);
    await queryRunner.query(`CREATE TRIGGER admin_logs_append_only BEFORE UPDATE OR DELETE ON admin_logs FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`);

    await queryRunner.query(`
      CREATE TABLE system_settings (
        key           varchar(64) PRIMARY KEY,
        value         jsonb NOT NULL,
        description   text NOT NULL DEFAULT '',
        updated_by_id bigint REFERENCES users (id),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO system_settings (key, value, description) VALUES
        ('product_name', '"Combo OTT Plan"', 'The plan sold'),
        ('product_price', '13500', 'Selling price, paise'),
        ('product_cost', '4200', 'Making cost, paise; profit = price - cost'),
        ('level1_commission_percent', '30', 'Share of profit for the direct referrer, percent'),
        ('level2_commission_percent', '10', 'Share of profit for the referrer''s referrer, percent'),
        ('commission_rounding', '"RUPEE"', 'RUPEE: each commission rounded half-up to whole rupees; PAISE: kept to the paisa'),
        ('commission_hold_hours', '24', 'A commission is PENDING until paidAt + hold, then AVAILABLE'),
        ('min_withdrawal_amount', '50000', 'Smallest withdrawal, paise'),
        ('referrals_enabled', 'true', 'Off: new registrations are not attributed to a referrer'),
        ('withdrawals_enabled', 'true', 'Off: requestWithdrawal is refused'),
        ('fraud_checks_enabled', 'true', 'Off: no automatic fraud flags')`);

    await queryRunner.query(`
      CREATE TABLE auth_throttle (
        key               varchar(200) PRIMARY KEY,
        failures          integer NOT NULL,
        window_started_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'auth_throttle',
      'system_settings',
      'admin_logs',
      'fraud_flags',
      'wallet_transactions',
      'withdrawals',
      'wallets',
      'commissions',
      'referrals',
      'orders',
      'referral_stats',
      'referral_clicks',
      'users',
    ]) {
      await queryRunner.query(`DROP TABLE ${table} CASCADE`);
    }
    await queryRunner.query(`DROP FUNCTION refuse_append_only_change()`);
  }
}
