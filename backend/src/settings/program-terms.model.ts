import { Field, Int, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from '../common/graphql/money.scalar.js';

@ObjectType({ description: 'What the bot tells users about the programme, from the current settings' })
export class ProgramTerms {
  @Field()
  productName: string;

  @Field(() => MoneyScalar)
  productPrice: number;

  @Field(() => MoneyScalar, { description: 'What one sale earns the direct referrer at today’s settings (₹28 by default)' })
  level1Commission: number;

  @Field(() => MoneyScalar, { description: 'What one sale earns the referrer’s referrer at today’s settings (₹9 by default)' })
  level2Commission: number;

  @Field(() => Int)
  commissionHoldHours: number;

  @Field(() => MoneyScalar)
  minWithdrawalAmount: number;

  @Field()
  referralsEnabled: boolean;

  @Field()
  withdrawalsEnabled: boolean;

  @Field({ description: 'device_verification_required: the user must open the verification Mini App before buying or withdrawing' })
  deviceVerificationRequired: boolean;
}
