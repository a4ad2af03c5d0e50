import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/access.decorator.js';

@Controller('health')
@Public()
export class HealthController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** 200 when the database answers, 503 when it does not (load balancers and Docker read this). */
  @Get()
  async check(@Res() response: Response): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await this.dataSource.query('SELECT 1');
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      response.status(HttpStatus.OK).json({ status: 'ok', database: 'up', databaseLatencyMs: Math.round(latencyMs * 10) / 10, uptimeSeconds: Math.round(process.uptime()) });
    } catch {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'error', database: 'down' });
    }
  }
}
