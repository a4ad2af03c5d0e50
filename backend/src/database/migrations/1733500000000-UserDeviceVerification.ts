import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a user last opened the verification Mini App, which records their device id and IP
 * (the Bot API gives a bot neither). The bot asks for it before /buy and /withdraw while the
 * setting device_verification_required is on.
 */
export class UserDeviceVerification1733500000000 implements MigrationInterface {
  name = 'UserDeviceVerification1733500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN device_verified_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP COLUMN device_verified_at`);
  }
}
