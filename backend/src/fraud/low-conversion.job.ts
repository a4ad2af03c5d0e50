import { Inject, Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { FraudCheckService } from './fraud-check.service.js';

/** Hourly: conversion rates move over days, and one indexed pass over referral_stats is cheap. */
export const LOW_CONVERSION_SCHEDULE = CronExpression.EVERY_HOUR;

@Injectable()
export class LowConversionJob {
  constructor(@Inject(FraudCheckService) private readonly checks: FraudCheckService) {}

  @Cron(LOW_CONVERSION_SCHEDULE, { name: 'fraud-low-conversion' })
  run() {
    return this.checks.scanLowConversion();
  }
}
