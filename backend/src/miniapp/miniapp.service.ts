import { Inject, Injectable } from '@nestjs/common';
import { FraudCheckService } from '../fraud/fraud-check.service.js';
import { MiniAppRepository } from './miniapp.repository.js';

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
    @Inject(MiniAppRepository) private readonly miniApp: MiniAppRepository,
    @Inject(FraudCheckService) private readonly fraudChecks: FraudCheckService,
  ) {}

  /** Records the device id and IP on the user; false when the bot never registered them. */
  async recordDevice(telegramId: string, deviceId: string, ipAddress: string | null): Promise<boolean> {
    const userId = await this.miniApp.recordDevice(telegramId, deviceId, ipAddress);
    if (userId === undefined) return false;
    await this.fraudChecks.afterDeviceVerification(userId);
    return true;
  }
}
