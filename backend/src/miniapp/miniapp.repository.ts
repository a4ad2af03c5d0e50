import { Inject, Injectable } from '@nestjs/common';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';

const RECORD_DEVICE = defineStatement('miniapp', 'recordDevice', ['telegramId: bigint', 'deviceId: text', 'ipAddress: text'], `
  UPDATE users SET device_id = $2, ip_address = coalesce($3, ip_address), device_verified_at = now(), updated_at = now()
  WHERE telegram_id = $1
  RETURNING id
`);

/** The Mini App's one write: the device and IP a user verified with, on their user row. */
@Injectable()
export class MiniAppRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** Stamps the device id, the IP (kept when unknown) and the verification time; the user's id, or undefined for an unknown Telegram id. */
  async recordDevice(telegramId: string, deviceId: string, ipAddress: string | null): Promise<number | undefined> {
    const row = await this.transactions.row<{ id: number }>(RECORD_DEVICE, [telegramId, deviceId, ipAddress]);
    return row && Number(row.id);
  }
}
