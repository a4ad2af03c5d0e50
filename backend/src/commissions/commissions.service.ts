import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { JobLeases, PROCESS_HOLDER } from '../database/job-leases.service.js';
import { TransactionService } from '../database/transaction.service.js';
import { Commission } from './commission.entity.js';
import { CommissionError, CommissionException } from './commissions.errors.js';
import { CommissionsRepository } from './commissions.repository.js';
import type { CommissionFilter } from './dto/commission.inputs.js';

export interface ReleaseResult {
  released: number;
  amount: number;
  batches: number;
  skipped: boolean;
}

/** Small enough that a payment waiting on a wallet lock waits a fraction of a second. */
export const RELEASE_BATCH_SIZE = 5000;
/** The release's lease (job_leases) and the transaction advisory lock each batch takes. */
const RELEASE_JOB = 'release-commissions';
const RELEASE_LOCK_KEY = 0x07770001;
/** A batch takes well under a second; a holder silent for this long has died. */
const RELEASE_LEASE_SECONDS = 120;

/**
 * Commissions: credited when an order is paid, released after the hold, reversed on refund.
 * Every movement is ledger rows plus the cached wallet buckets in one transaction, with wallets
 * (and their referral_stats rows) locked in ascending user id order everywhere, so payments,
 * releases and refunds never deadlock one another.
 */
@Injectable()
export class CommissionsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(CommissionsService.name);

  /** Set on shutdown: a running release stops after its current batch. */
  private stopping = false;
  private running: Promise<unknown> | undefined;
  /** Numbers this process's runs: each run holds the lease under a name of its own. */
  private runs = 0;

  private readonly list = new ListQuery<CommissionFilter>({
    sortable: { id: 'c.id', createdAt: 'c.created_at', releaseAt: 'c.release_at', amount: 'c.amount', status: 'c.status', level: 'c.level' },
    defaultSort: { field: 'createdAt', order: 'DESC' },
    tieBreaker: 'c.id',
    applyFilter: (query, filter) => {
      if (filter.q && /^\d{1,18}$/.test(filter.q.trim())) query.andWhere('(c.id = :exact OR c.order_id = :exact)', { exact: filter.q.trim() });
      if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
      if (filter.beneficiaryId) query.andWhere('c.beneficiary_id = :beneficiaryId', { beneficiaryId: filter.beneficiaryId });
      if (filter.orderId) query.andWhere('c.order_id = :orderId', { orderId: filter.orderId });
      if (filter.level) query.andWhere('c.level = :level', { level: filter.level });
    },
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(CommissionsRepository) private readonly repository: CommissionsRepository,
    @Inject(JobLeases) private readonly leases: JobLeases,
  ) {}

  /**
   * The admin's release: releaseMatured now, refused with RELEASE_IN_PROGRESS while another
   * runner holds the lease (0 would read as "nothing was due" while it may be releasing thousands).
   */
  async releaseMaturedNow(actor: string): Promise<number> {
    const result = await this.releaseMatured(new Date(), undefined, actor);
    if (result.skipped) throw new CommissionException(CommissionError.RELEASE_IN_PROGRESS, 'A commission release is already running; try again when it has finished');
    return result.released;
  }

  /**
   * Releases every PENDING commission whose hold has passed, PENDING → AVAILABLE, in keyset
   * batches (each its own short transaction, so live payments wait at most one batch). One
   * runner at a time across all instances, with nothing that outlives a transaction (so it
   * works behind a transaction-mode pooler): the run holds the `job_leases` row, renewed by
   * every batch, and each batch also takes a transaction advisory lock. A second caller returns
   * at once with `skipped`. Beneficiaries who are blocked or under review (SUSPICIOUS) keep
   * their commissions pending.
   */
  async releaseMatured(now = new Date(), batchSize = RELEASE_BATCH_SIZE, actor = 'system'): Promise<ReleaseResult> {
    // The holder is this run, not this process: two runs in one process (the hourly job and an
    // admin's mutation, or two admins) exclude each other exactly as two processes do. With the
    // process as holder both took the lease, the first to finish deleted it under the other, and
    // that one's next renewal failed and stopped it with nothing released.
    const holder = `${PROCESS_HOLDER}:${++this.runs}`;
    if (this.stopping || !(await this.leases.acquire(RELEASE_JOB, RELEASE_LEASE_SECONDS, holder))) {
      this.logger.log('Commission release skipped: another runner holds the lease');
      return { released: 0, amount: 0, batches: 0, skipped: true };
    }
    const run = this.releaseInBatches(now, batchSize, actor, holder);
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = undefined;
      await this.leases.release(RELEASE_JOB, holder);
    }
  }

  /** Shutdown: no new batch starts; waits for the current one to commit. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  private async releaseInBatches(now: Date, batchSize: number, actor: string, holder: string): Promise<ReleaseResult> {
    const started = Date.now();
    const result: ReleaseResult = { released: 0, amount: 0, batches: 0, skipped: false };
    // Keyset over (beneficiary_id, id) on the PENDING index: each batch covers a run of
    // consecutive beneficiaries, so it locks and updates each wallet once (a few hundred
    // wallets, not one per commission), in id order, and resumes after the last key.
    let after: [number, number] = [0, 0];
    while (!this.stopping) {
      // Each batch commits on its own, even when an admin's mutation has a transaction open
      const batch = await this.transactions.outside(() => this.transactions.run(async (manager) => {
        if (!(await this.repository.tryLockRelease(RELEASE_LOCK_KEY)) || !(await this.leases.renew(manager, RELEASE_JOB, RELEASE_LEASE_SECONDS, holder))) return null;
        // The batch: its commission ids in key order, its wallets locked in user id order.
        const { ids, lastBeneficiary } = await this.repository.lockReleaseBatch(now, after, batchSize);
        if (!ids?.length || lastBeneficiary === null) return { count: 0, amount: 0, last: null };
        const released = await this.repository.releaseBatch(ids, actor);
        return { ...released, last: [Number(lastBeneficiary), Number(ids[ids.length - 1])] as [number, number] };
      }));
      if (batch === null) {
        this.logger.warn('Commission release stopped: the lease or the batch lock went to another runner');
        break;
      }
      if (batch.last === null) break;
      after = batch.last;
      result.batches += 1;
      result.released += batch.count;
      result.amount += batch.amount;
      if (result.batches % 20 === 0) {
        this.logger.log(`Commission release: ${result.released} released so far (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }
    this.logger.log(
      `Commission release ${this.stopping ? 'stopped for shutdown' : 'done'}: ${result.released} commissions, ₹${(result.amount / 100).toFixed(2)}, ${result.batches} batch(es), ${Date.now() - started} ms`,
    );
    return result;
  }

  /**
   * Locks the wallets and stats of an order's beneficiaries, in user order. A refund takes these
   * before it changes the order: the order's report trigger writes a `report_hourly` row, which
   * a withdrawal's change (wallet first, then its own report row) may need too when the two
   * sessions share a report shard; rows the other way round deadlocked (found by the bank test).
   */
  async lockBeneficiaries(orderId: number): Promise<void> {
    await this.repository.lockBeneficiaryWallets(orderId);
  }

  /**
   * Reverses a refunded order's commissions: PENDING ones leave the pending bucket; AVAILABLE
   * ones are clawed back from available, which may go below zero (a debt that later
   * commissions repay). Locked and withdrawn money is never touched. Runs inside the refund's
   * transaction.
   */
  async reverseForOrder(orderId: number, actor: string): Promise<void> {
    await this.repository.lockBeneficiaryWallets(orderId);
    await this.repository.reverseForOrder(orderId, actor);
  }

  findOne(id: number): Promise<Commission | null> {
    return this.dataSource.getRepository(Commission).findOneBy({ id });
  }

  findAll(args: ListArgsShape<CommissionFilter>): Promise<Commission[]> {
    return this.list.rows(this.query(), args);
  }

  count(args: ListArgsShape<CommissionFilter>): Promise<number> {
    return this.list.count(this.query(), args);
  }

  private query() {
    return this.dataSource.getRepository(Commission).createQueryBuilder('c');
  }
}
