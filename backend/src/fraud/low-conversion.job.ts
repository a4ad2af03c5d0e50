import { Inject, Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { MetricsService } from '../observability/metrics.service.js';
import { FraudCheckService } from './fraud-check.service.js';

/** Hourly: conversion rates move over days, and one indexed pass over referral_stats is cheap. */
export const LOW_CONVERSION_SCHEDULE = CronExpression.EVERY_HOUR;

@Injectable()
export class LowConversionJob {
  constructor(
    @Inject(FraudCheckService) private readonly checks: FraudCheckService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    metrics.declareJob('fraud-low-conversion');
  }

  @Cron(LOW_CONVERSION_SCHEDULE, { name: 'fraud-low-conversion' })
  run() {
    return this.metrics.job('fraud-low-conversion', () => this.checks.scanLowConversion(), (result) => result.flagged);
  }
}
