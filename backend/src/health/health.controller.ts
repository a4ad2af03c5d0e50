import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../common/auth/access.decorator.js';
import { MIGRATIONS } from '../database/migrations/index.js';
import { HealthRepository } from './health.repository.js';
import { readiness } from './readiness.js';

const EXPECTED_MIGRATIONS = MIGRATIONS.map((Migration) => new Migration().name);

@Controller('health')
@Public()
export class HealthController {
  constructor(@Inject(HealthRepository) private readonly health: HealthRepository) {}

  /** 200 when the database answers, 503 when it does not (load balancers and Docker read this). */
  @Get()
  async check(@Res() response: Response): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await this.health.ping();
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      response.status(HttpStatus.OK).json({ status: 'ok', database: 'up', databaseLatencyMs: Math.round(latencyMs * 10) / 10, uptimeSeconds: Math.round(process.uptime()) });
    } catch {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'error', database: 'down' });
    }
  }

  /** Liveness: the process answers; nothing else is checked (a restart would not fix the database). */
  @Get('live')
  live(@Res() response: Response): void {
    response.status(HttpStatus.OK).json({ status: 'ok' });
  }

  /**
   * Readiness: PostgreSQL reachable and every migration this build knows applied; 503 otherwise,
   * and from the moment the process starts draining on SIGTERM.
   */
  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    if (readiness.draining) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'draining' });
      return;
    }
    let applied: string[];
    try {
      applied = await this.health.appliedMigrations();
    } catch {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'error', database: 'down' });
      return;
    }
    const missing = EXPECTED_MIGRATIONS.filter((name) => !applied.includes(name));
    if (missing.length) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'error', database: 'up', pendingMigrations: missing });
      return;
    }
    response.status(HttpStatus.OK).json({ status: 'ok', database: 'up', migrations: applied.length });
  }
}
