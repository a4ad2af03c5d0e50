import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlStatement } from '../database/sql.js';
import { FraudCheckService } from '../fraud/fraud-check.service.js';

export const DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** An IPv4 client seen through an IPv6 socket (::ffff:1.2.3.4) is recorded as plain IPv4. */
export function normaliseIp(ip: string | undefined): string | null {
  if (!ip) return null;
  const plain = ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
  return plain.slice(0, 64);
}

/** The verification Mini App's server side: records the device and IP, then runs the fraud rules on them. */
@Injectable()
export class MiniAppService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(FraudCheckService) private readonly fraudChecks: FraudCheckService,
  ) {}

  /** Records the device id and IP on the user; false when the bot never registered them. */
  async recordDevice(telegramId: string, deviceId: string, ipAddress: string | null): Promise<boolean> {
    const { rows } = await sqlStatement<{ id: string }>(
      this.dataSource,
      'miniapp_record_device',
      `UPDATE users SET device_id = $2, ip_address = coalesce($3, ip_address), device_verified_at = now(), updated_at = now()
       WHERE telegram_id = $1 RETURNING id`,
      [telegramId, deviceId, ipAddress],
    );
    if (!rows.length) return false;
    await this.fraudChecks.afterDeviceVerification(rows[0].id);
    return true;
  }
}
