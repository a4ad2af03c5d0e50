import { AdminLog } from '../audit/admin-log.entity.js';
import { Commission } from '../commissions/commission.entity.js';
import { FraudFlag } from '../fraud/fraud-flag.entity.js';
import { Order } from '../orders/order.entity.js';
import { PaymentEvent } from '../payments/payment-event.entity.js';
import { Referral, ReferralClick } from '../referrals/referral.entity.js';
import { ReferralStatsRow } from '../referrals/referral-stats.entity.js';
import { Setting } from '../settings/setting.entity.js';
import { User } from '../users/user.entity.js';
import { Wallet, WalletTransaction } from '../wallets/wallet.entity.js';
import { Withdrawal } from '../withdrawals/withdrawal.entity.js';

export const ENTITIES = [User, Referral, ReferralClick, ReferralStatsRow, Order, Commission, Wallet, WalletTransaction, Withdrawal, FraudFlag, AdminLog, Setting, PaymentEvent];
