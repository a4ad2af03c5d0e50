import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A referrer's referrals are listed newest first, ordered by (created_at, id): the referral
 * tree's pages and the admin's "referred by" list. With id in the index, that order comes
 * straight from it (no sort of equal timestamps) and skipping to a later page reads the index
 * alone instead of fetching every skipped row. Replaces the (referred_by_id, created_at) index.
 */
export class ReferredByPageIndex1732755600000 implements MigrationInterface {
  name = 'ReferredByPageIndex1732755600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX users_referred_by_page_idx ON users (referred_by_id, created_at, id) WHERE referred_by_id IS NOT NULL`);
    await queryRunner.query(`DROP INDEX users_referred_by_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX users_referred_by_idx ON users (referred_by_id, created_at) WHERE referred_by_id IS NOT NULL`);
    await queryRunner.query(`DROP INDEX users_referred_by_page_idx`);
  }
}
