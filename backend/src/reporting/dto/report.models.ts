import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MoneyScalar } from '../../common/graphql/money.scalar.js';

export enum ReportInterval {
  HOUR = 'HOUR',
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(ReportInterval, {
  name: 'ReportInterval',
  description: 'A report bucket, aligned to midnight in REPORTING_TIME_ZONE; WEEK starts on Monday',
});

@ObjectType({ description: 'The business in [from, to): what happened in that period' })
export class PeriodStats {
  @Field() from: Date;
  @Field() to: Date;
  @Field(() => Int, { description: 'Users registered in [from, to)' }) newUsers: number;
  @Field(() => Int, { description: 'Of those, attributed to a referrer' }) referredUsers: number;
  @Field(() => Int, { description: 'Orders whose paidAt is in [from, to), refunded later or not' }) paidOrders: number;
  @Field(() => MoneyScalar, { description: 'Σ amount of those orders' }) revenue: number;
  @Field(() => MoneyScalar, { description: 'Σ (amount − cost) of those orders, each at its own price and cost' }) profit: number;
  @Field(() => MoneyScalar, { description: 'Σ commissions created for those orders, before any reversal' }) commissions: number;
  @Field(() => Int, { description: 'Orders whose refundedAt is in [from, to)' }) refundedOrders: number;
  @Field(() => MoneyScalar, { description: 'Σ amount of those orders' }) refundedAmount: number;
  @Field(() => Int, { description: 'Orders whose failedAt is in [from, to)' }) failedPayments: number;
  @Field(() => MoneyScalar, { description: 'Σ amount of withdrawals whose paidAt is in [from, to)' }) withdrawalsPaid: number;
}

@ObjectType({ description: 'Σ over all wallets, now' })
export class Liabilities {
  @Field(() => MoneyScalar) pending: number;
  @Field(() => MoneyScalar, { description: 'May be negative when clawbacks exceed what users hold' }) available: number;
  @Field(() => MoneyScalar) locked: number;
}

@ObjectType()
export class DashboardStats {
  @Field({ description: 'The instant every figure describes' }) asOf: Date;
  @Field(() => PeriodStats, { description: "Today's midnight (reporting time zone) to asOf" }) today: PeriodStats;
  @Field(() => PeriodStats, { description: 'The whole previous day' }) yesterday: PeriodStats;
  @Field(() => PeriodStats, { description: 'Everything up to asOf' }) overall: PeriodStats;
  @Field(() => Liabilities) liabilities: Liabilities;
}

@ObjectType()
export class Kpis {
  @Field() from: Date;
  @Field() to: Date;
  @Field(() => Float, { description: 'Users registered in the period with ≥ 1 paid order (ever) ÷ users registered in the period; 0 when none' })
  conversionRate: number;
  @Field(() => Float, { description: "The same over the period's referred users" }) referralConversionRate: number;
  @Field(() => MoneyScalar, { description: 'revenue ÷ paidOrders, rounded half up; 0 when none' }) averageOrderValue: number;
  @Field(() => Float, { description: 'commissions ÷ profit of orders paid in the period; 0 when none' }) commissionToProfitRatio: number;
  @Field(() => Int, { description: 'Distinct level-1 beneficiaries of commissions created in the period' }) activeReferrers: number;
  @Field(() => Float, { description: 'refundedOrders ÷ paidOrders in the period; 0 when none' }) refundRate: number;
  @Field(() => Float, { nullable: true, description: 'Request → paid, over withdrawals paid in the period; null when none' })
  withdrawalMedianHours: number | null;
  @Field(() => Float, { nullable: true }) withdrawalP90Hours: number | null;
}

@ObjectType()
export class PaymentMonitoring {
  @Field() from: Date;
  @Field() to: Date;
  @Field(() => Int, { description: 'Orders created in the period' }) created: number;
  @Field(() => Int, { description: 'Of those, now PAID or REFUNDED' }) paid: number;
  @Field(() => Int, { description: 'Of those, now FAILED' }) failed: number;
  @Field(() => Int, { description: 'Of those, still PENDING' }) pending: number;
  @Field(() => Int, { description: 'Of those, PENDING and created more than staleAfterMinutes ago' }) stalePending: number;
  @Field(() => Float, { description: 'paid ÷ (paid + failed); 0 when none' }) successRate: number;
  @Field(() => Float, { nullable: true, description: "createdAt → paidAt over the period's paid orders; null when none" })
  medianSecondsToPay: number | null;
}

@ObjectType({ description: 'A figure the maintained reports disagree on with the source tables' })
export class ReportDrift {
  @Field({ description: 'The figure: a report_hourly column, daily:<column>, withdrawal_durations:<bucket>, payment_durations:<bucket>, liabilities_* or *_set' }) figure: string;
  @Field(() => Date, { nullable: true, description: 'The hour bucket; null for totals' }) bucket: Date | null;
  @Field(() => Float, { description: 'What the source tables say' }) expected: number;
  @Field(() => Float, { description: 'What the reports hold' }) actual: number;
}
