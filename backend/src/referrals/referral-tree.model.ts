import { Field, Int, ObjectType } from '@nestjs/graphql';
import { User } from '../users/user.entity.js';

@ObjectType({ description: 'A user in a referral tree, with a page of their direct referrals' })
export class ReferralTreeNode {
  @Field(() => User)
  user: User;

  @Field(() => Int, { description: '0 for the user asked about, 1 for their direct referrals, 2 for theirs, …' })
  level: number;

  @Field({ description: 'Whether this user’s first order has been paid' })
  converted: boolean;

  @Field(() => Int, { description: 'How many direct referrals this user has in all; children lists at most a page of them' })
  childrenCount: number;

  @Field(() => [ReferralTreeNode], { description: 'Newest first; empty at the requested depth' })
  children: ReferralTreeNode[];
}
