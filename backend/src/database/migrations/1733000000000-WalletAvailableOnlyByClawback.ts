import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `pending`, `locked`, `withdrawn` and `total_earned` have had CHECKs (>= 0) from the start;
 * `available` could not, because a clawback may take it below zero (a debt later commissions
 * repay). What no other movement may do is take it below zero, or deeper below: a withdrawal
 * lock on too little money. A CHECK sees only the new row, so this is a row trigger whose WHEN
 * compares old and new: an update that lowers `available` to below zero by more than it lowers
 * `total_earned` is refused. A clawback lowers both by the same amount (its pending reversals
 * lower `total_earned` further), so only clawbacks pass. AFTER, not BEFORE: a BEFORE row
 * trigger makes every update of a wallet lock the row version first (one more write per
 * update, whatever the WHEN says); an AFTER trigger's WHEN is tested on the versions the update
 * already has, and the function runs only to refuse (the whole statement).
 */
export class WalletAvailableOnlyByClawback1733000000000 implements MigrationInterface {
  name = 'WalletAvailableOnlyByClawback1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION refuse_available_overdraw() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'wallet %: available may go below zero only by a clawback (% -> %)', NEW.user_id, OLD.available, NEW.available
          USING ERRCODE = 'check_violation', CONSTRAINT = 'wallets_available_negative_only_by_clawback', TABLE = 'wallets';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER wallets_available_negative_only_by_clawback AFTER UPDATE ON wallets FOR EACH ROW
      WHEN (NEW.available < 0 AND NEW.available < OLD.available AND OLD.available - NEW.available > OLD.total_earned - NEW.total_earned)
      EXECUTE FUNCTION refuse_available_overdraw()`);
    // a new wallet has no clawback behind it
    await queryRunner.query(`
      CREATE TRIGGER wallets_new_available_nonnegative AFTER INSERT ON wallets FOR EACH ROW
      WHEN (NEW.available < 0)
      EXECUTE FUNCTION refuse_available_overdraw()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER wallets_new_available_nonnegative ON wallets');
    await queryRunner.query('DROP TRIGGER wallets_available_negative_only_by_clawback ON wallets');
    await queryRunner.query('DROP FUNCTION refuse_available_overdraw()');
  }
}
