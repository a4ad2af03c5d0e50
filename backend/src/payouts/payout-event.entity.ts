import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What became of a payout event (README, "Payouts"); a repeated key is not stored again. */
export enum PayoutEventOutcome {
  /** Acted on: the withdrawal was paid, failed, reversed, or its provider status recorded. */
  PROCESSED = 'PROCESSED',
  /** Nothing changed: a payout of another amount, a type we do not act on, or a withdrawal already settled; the note says which. */
  IGNORED = 'IGNORED',
  /** No withdrawal of ours has this payout: nothing changed. */
  UNMATCHED = 'UNMATCHED',
}
registerEnumType(PayoutEventOutcome, { name: 'PayoutEventOutcome' });

/**
 * One payout event, stored once per key with its outcome: a RazorpayX webhook, or our own read of
 * the payout (`sent.<status>` after a send, `poll.<status>` from the status check).
 */
@ObjectType()
@Entity('payout_events')
export class PayoutEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: number;

  @Field({ description: "The event's unique key: evt:<X-Razorpay-Event-Id> (else sha256:<body hash>), sent:… or poll:…" })
  @Column({ name: 'event_key', type: 'varchar', length: 200 })
  eventKey: string;

  @Field({ description: 'payout.processed, payout.failed, ...; sent.<status> and poll.<status> for our own reads' })
  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Field(() => String, { nullable: true, description: "RazorpayX's payout id (pout_…)" })
  @Column({ name: 'provider_payout_id', type: 'varchar', length: 64, nullable: true })
  providerPayoutId: string | null;

  @Field(() => PayoutEventOutcome)
  @Column({ type: 'varchar', length: 16 })
  outcome: PayoutEventOutcome;

  @Field(() => String, { nullable: true, description: 'Why nothing changed, or what did (a wrong amount, an unknown type, the UTR arrived)' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true, description: 'The withdrawal the payout is for; null when UNMATCHED' })
  @Column({ name: 'withdrawal_id', type: 'bigint', nullable: true })
  withdrawalId: number | null;

  @Field({ description: 'The body exactly as received (the bytes the signature covered), or the payout as RazorpayX answered' })
  @Column({ type: 'text' })
  body: string;

  @Field({ description: 'When it was received' })
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
