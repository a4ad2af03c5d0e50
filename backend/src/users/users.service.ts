import { Inject, Injectable } from '@nestjs/common';
import { TransactionService } from '../database/transaction.service.js';
import { generateReferralCode } from './referral-code.js';
import { User } from './user.entity.js';

const CODE_ATTEMPTS = 5;

@Injectable()
export class UsersService {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /**
   * The user with this Telegram id, created (with an empty wallet and stats row) when unknown.
   * No attribution: registration from the bot goes through the referral service.
   */
  async ensureUser(telegramId: string, fields: { username?: string | null } = {}): Promise<User> {
    const repository = this.transactions.manager.getRepository(User);
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const existing = await repository.findOneBy({ telegramId });
      if (existing) return existing;
      const created = await this.transactions.manager.query<{ id: number }[]>(
        `WITH new_user AS (
           INSERT INTO users (telegram_id, username, referral_code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id
         ), wallet AS (INSERT INTO wallets (user_id) SELECT id FROM new_user),
         stats AS (INSERT INTO referral_stats (user_id) SELECT id FROM new_user)
         SELECT id FROM new_user`,
        [telegramId, fields.username ?? null, generateReferralCode()],
      );
      if (created.length) return repository.findOneByOrFail({ id: created[0].id });
    }
    throw new Error(`could not create user ${telegramId}: referral codes kept colliding`);
  }
}
