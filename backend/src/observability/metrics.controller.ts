import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/access.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { MetricsService } from './metrics.service.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The credentials of an `Authorization: Bearer <token>` header; the scheme is case-insensitive (RFC 7235). */
const BEARER = /^bearer +(.+)$/i;

/**
 * Prometheus text at GET /metrics. With METRICS_TOKEN set it needs `Authorization: Bearer
 * <METRICS_TOKEN>` (401 otherwise); in production it is served only when the token is set (404).
 */
@Controller('metrics')
@Public()
export class MetricsController {
  private readonly tokenDigest: Buffer | undefined;

  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.tokenDigest = config.METRICS_TOKEN ? digest(config.METRICS_TOKEN) : undefined;
  }

  @Get()
  async scrape(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.config.metricsServed) {
      response.status(404).json({ statusCode: 404, message: 'Not Found' });
      return;
    }
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (this.tokenDigest && !(token !== undefined && timingSafeEqual(digest(token), this.tokenDigest))) {
      response.status(401).setHeader('www-authenticate', 'Bearer').json({ statusCode: 401, message: 'A valid metrics token is required' });
      return;
    }
    response.setHeader('content-type', this.metrics.contentType);
    response.setHeader('cache-control', 'no-store');
    response.send(await this.metrics.metrics());
  }
}
