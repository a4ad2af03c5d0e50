import { Inject, Injectable } from '@nestjs/common';
import { AdminAccounts } from '../common/auth/admin-accounts.js';
import { selectColumns, toEntity } from '../database/entity-columns.js';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import { User } from './user.entity.js';

const BY_TELEGRAM_ID = defineStatement('users', 'findByTelegramId', ['telegramId: bigint'], `
  SELECT ${selectColumns(User, 'u')}
  FROM users u
  WHERE u.telegram_id = $1::bigint
`);

const BY_IDS = defineStatement('users', 'findByIds', ['ids: bigint[]'], `
  SELECT ${selectColumns(User, 'u')}
  FROM users u
  WHERE u.id = ANY($1::bigint[])
`);

const BY_ID = defineStatement('users', 'findById', ['id: bigint'], `
  SELECT ${selectColumns(User, 'u')}
  FROM users u
  WHERE u.id = $1::bigint
`);

const CREATE_WITH_WALLET_AND_STATS = defineStatement('users', 'createWithWalletAndStats', ['telegramId: bigint', 'username: text', 'referralCode: text'], `
  WITH new_user AS (
    INSERT INTO users (telegram_id, username, referral_code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id
  ), wallet AS (INSERT INTO wallets (user_id) SELECT id FROM new_user),
  stats AS (INSERT INTO referral_stats (user_id) SELECT id FROM new_user)
  SELECT id FROM new_user
`);

/**
 * The users table's statements: lookups the bot, the admin guard and the GraphQL loaders make
 * often, and the creation of a user with its wallet and stats row.
 */
@Injectable()
export class UsersRepository implements AdminAccounts {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** The user with this Telegram id, or undefined (one prepared statement: the bot asks often). */
  async findByTelegramId(telegramId: string): Promise<User | undefined> {
    const row = await this.transactions.row(BY_TELEGRAM_ID, [telegramId]);
    return row && toEntity(User, row);
  }

  /** These users (any order; none for an unknown id): one statement for a page of rows that name users. */
  async findByIds(ids: readonly number[]): Promise<User[]> {
    return (await this.transactions.rows(BY_IDS, [ids])).map((row) => toEntity(User, row));
  }

  /** The user with this id, or undefined (every admin request checks its token's account here). */
  async findById(id: number): Promise<User | undefined> {
    const row = await this.transactions.row(BY_ID, [id]);
    return row && toEntity(User, row);
  }

  /** A new user with an empty wallet and stats row; undefined when the Telegram id or referral code is taken. */
  async createWithWalletAndStats(telegramId: string, username: string | null, referralCode: string): Promise<number | undefined> {
    return (await this.transactions.row<{ id: number }>(CREATE_WITH_WALLET_AND_STATS, [telegramId, username, referralCode]))?.id;
  }
}
