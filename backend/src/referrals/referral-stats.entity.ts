import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

/** Per-user counters kept in the same transaction as each event, so reading stats never scans. */
@Entity('referral_stats')
export class ReferralStatsRow {
  @PrimaryColumn({ name: 'user_id', type: 'bigint' })
  userId: number;

  @OneToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'direct_referrals', type: 'integer', default: 0 })
  directReferrals: number;

  @Column({ name: 'level2_referrals', type: 'integer', default: 0 })
  level2Referrals: number;

  @Column({ type: 'integer', default: 0 })
  clicks: number;

  @Column({ type: 'integer', default: 0 })
  conversions: number;

  @Column({ name: 'level1_earned', type: 'bigint', default: 0 })
  level1Earned: number;

  @Column({ name: 'level2_earned', type: 'bigint', default: 0 })
  level2Earned: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
