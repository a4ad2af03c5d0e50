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

  /** When the user's latest level-1 commission was created (the active-referrer KPI's marker). */
  @Column({ name: 'last_level1_commission_at', type: 'timestamptz', nullable: true })
  lastLevel1CommissionAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
