import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseTelegramId } from '../common/graphql/ids.js';
import { TransactionService } from '../database/transaction.service.js';
import { FraudCheckService } from '../fraud/fraud-check.service.js';
import { generateReferralCode, parseReferralCode } from '../users/referral-code.js';
import { cleanProfileText, cleanUsername, NAME_MAX_LENGTH } from '../users/user-profile.js';
import type { User } from '../users/user.entity.js';
import type { RegisterUserInput } from './dto/register-user.input.js';
import { ReferralsRepository } from './referrals.repository.js';

/** users.referral_code_used and referrals.code_used hold at most this much of what was typed. */
const CODE_USED_MAX_LENGTH = 64;
const CODE_ATTEMPTS = 5;

/**
 * REGISTER_USER's parameters $1-$11 (referrals.repository.ts) from the bot's input, cleaned (names trimmed and cut,
 * the code read); the caller appends $12, a fresh referral code for a new user.
 */
export function registrationParameters(input: RegisterUserInput): unknown[] {
  const typedCode = cleanProfileText(input.referralCode, CODE_USED_MAX_LENGTH) ?? null;
  const username = cleanUsername(input.username);
  const firstName = cleanProfileText(input.firstName, NAME_MAX_LENGTH);
  const lastName = cleanProfileText(input.lastName, NAME_MAX_LENGTH);
  return [
    input.telegramId,
    username ?? null,
    firstName ?? null,
    lastName ?? null,
    typedCode === null ? null : parseReferralCode(typedCode),
    typedCode,
    input.deviceId?.trim() || null,
    input.ipAddress?.trim() || null,
    username !== undefined,
    firstName !== undefined,
    lastName !== undefined,
  ];
}

/** The bot's /start: creates the user once, with their attribution, or refreshes their names. */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger(RegistrationService.name);

  constructor(
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(FraudCheckService) private readonly fraudChecks: FraudCheckService,
    @Inject(ReferralsRepository) private readonly referrals: ReferralsRepository,
  ) {}

  async register(input: RegisterUserInput): Promise<User> {
    parseTelegramId(input.telegramId);
    const parameters = registrationParameters(input);

    for (let attempt = 1; ; attempt++) {
      try {
        // one statement is one transaction; inside a caller's transaction it joins that one
        const user = await this.referrals.registerUser([...parameters, generateReferralCode()]);
        // After the commit, not inside: the referrer's stats row stays locked no longer, and a failing check cannot undo the registration.
        await this.fraudChecks.afterRegistration(user);
        return user;
      } catch (error) {
        // A fresh random code met an existing one (about 1 in 10^6 at a million users): draw again.
        const collided = (error as { constraint?: string }).constraint === 'users_referral_code_unique';
        if (!collided || attempt >= CODE_ATTEMPTS || this.transactions.inTransaction) throw error;
        this.logger.warn(`referral code collision on registration, attempt ${attempt}`);
      }
    }
  }
}
