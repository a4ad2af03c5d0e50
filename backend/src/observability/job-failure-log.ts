import type { Logger } from '@nestjs/common';

/** While a job keeps failing, one line this often at most. */
export const REPEATED_FAILURE_LOG_INTERVAL_MS = 60_000;

/**
 * The log of a scheduled job's failures through an outage: the first failure, then at most one
 * line a minute with how many runs have failed since, and one line when a run succeeds again.
 * (A fold every second would otherwise write a line a second per process while PostgreSQL is
 * down, and nothing when it came back.) job_runs_total{outcome="failure"} counts every one.
 */
export class JobFailureLog {
  private failures = 0;
  private firstFailedAt = 0;
  private loggedAt = 0;

  constructor(
    private readonly logger: Pick<Logger, 'error' | 'log'>,
    /** What the job does, as the start of a sentence: "Folding the payments into the reports". */
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  failed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const at = this.now();
    this.failures += 1;
    if (this.failures === 1) {
      this.firstFailedAt = this.loggedAt = at;
      this.logger.error(`${this.what} failed: ${message}`);
    } else if (at - this.loggedAt >= REPEATED_FAILURE_LOG_INTERVAL_MS) {
      this.loggedAt = at;
      this.logger.error(`${this.what} still fails: ${this.failures} failed runs since ${new Date(this.firstFailedAt).toISOString()}, the latest: ${message}`);
    }
  }

  succeeded(): void {
    if (!this.failures) return;
    const seconds = Math.round((this.now() - this.firstFailedAt) / 1000);
    this.logger.log(`${this.what} works again, after ${this.failures} failed run${this.failures === 1 ? '' : 's'} over ${seconds} s`);
    this.failures = 0;
  }
}
