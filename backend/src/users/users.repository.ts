import { Inject, Injectable } from '@nestjs/common';
import { selectColumns, toEntity } from '../database/entity-columns.js';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import { User } from './user.entity.js';

const BY_TELEGRAM_ID = defineStatement('users', 'findByTelegramId', ['telegramId: bigint'], `
  SELECT ${selectColumns(User, 'u')}
  FROM users u
  WHERE u.telegram_id = $1::bigint
`);

const CREATE_WITH_WALLET_AND_STATS = defineStatement('users', 'createWithWalletAndStats', ['telegramId: bigint', 'username: text', 'referralCode: text'], `
  WITH new_user AS (
    INSERT INTO users (telegram_id, username, referral_code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id
  ), wallet AS (INSERT INTO wallets (user_id) SELECT id FROM new_user),
  stats AS (INSERT INTO referral_stats (user_id) SELECT id FROM new_user)
  SELECT id FROM new_user
`);

/** The users table's statements: lookups the bot makes often and the creation of a user with its wallet and stats row. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** The user with this Telegram id, or undefined (one prepared statement: the bot asks often). */
  async findByTelegramId(telegramId: string): Promise<User | undefined> {
    const row = await this.transactions.row(BY_TELEGRAM_ID, [telegramId]);
    return row && toEntity(User, row);
  }

  /** A new user with an empty wallet and stats row; undefined when the Telegram id or referral code is taken. */
  async createWithWalletAndStats(telegramId: string, username: string | null, referralCode: string): Promise<number | undefined> {
    return (await this.transactions.row<{ id: number }>(CREATE_WITH_WALLET_AND_STATS, [telegramId, username, referralCode]))?.id;
  }
}
