import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's two busiest references (user_id → wallets, commission_id → commissions) were
 * checked row by row by foreign-key triggers: a third of the release job's time (two lookups and
 * two row locks per released commission, measured with EXPLAIN ANALYZE). Every ledger row is
 * written by a set-based statement joined to the very wallet and commission it names, so the
 * insert-time check adds nothing there; what the foreign keys also guaranteed — that a
 * referenced wallet or commission never disappears — is kept by refusing DELETE and TRUNCATE on
 * those tables (neither has any delete path). Orders and withdrawals keep their foreign keys.
 */
export class LedgerReferenceTriggers1732842000000 implements MigrationInterface {
  name = 'LedgerReferenceTriggers1732842000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE wallet_transactions DROP CONSTRAINT wallet_transactions_user_id_fkey');
    await queryRunner.query('ALTER TABLE wallet_transactions DROP CONSTRAINT wallet_transactions_commission_id_fkey');
    for (const table of ['wallets', 'commissions']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['wallets', 'commissions']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_delete ON ${table}`);
    }
    await queryRunner.query('ALTER TABLE wallet_transactions ADD CONSTRAINT wallet_transactions_commission_id_fkey FOREIGN KEY (commission_id) REFERENCES commissions (id)');
    await queryRunner.query('ALTER TABLE wallet_transactions ADD CONSTRAINT wallet_transactions_user_id_fkey FOREIGN KEY (user_id) REFERENCES wallets (user_id)');
  }
}
