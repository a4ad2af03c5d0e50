import { applyDecorators } from '@nestjs/common';
import { Field, ID } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import { CommonError, CommonException } from '../errors/domain.exception.js';

const ID_PATTERN = /^[1-9]\d{0,17}$/;
const TELEGRAM_ID_PATTERN = /^\d{1,20}$/;

/** Row ids travel as GraphQL `ID` strings; anything but a positive integer is bad input. */
export function parseId(id: string | number, what = 'id'): number {
  const text = String(id);
  if (!ID_PATTERN.test(text)) throw new CommonException(CommonError.INVALID_ID, `${what} must be a positive integer id`);
  return Number(text);
}

/**
 * An input field or argument holding a row id: a GraphQL `ID` that validation refuses unless it
 * is a positive integer, naming the field (`orderId must be a positive integer id`).
 */
export function IdField(options: { nullable?: boolean; description?: string } = {}): PropertyDecorator {
  const mustBeId = Matches(ID_PATTERN, { message: ({ property }) => `${property} must be a positive integer id` });
  return options.nullable ? applyDecorators(Field(() => ID, options), IsOptional(), mustBeId) : applyDecorators(Field(() => ID, options), mustBeId);
}

/** A Telegram id: 1-20 digits, stored as bigint (they exceed 32 bits). */
export function parseTelegramId(telegramId: string): number {
  if (typeof telegramId !== 'string' || !TELEGRAM_ID_PATTERN.test(telegramId)) {
    throw new CommonException(CommonError.INVALID_TELEGRAM_ID, 'telegramId must be 1 to 20 digits');
  }
  const value = Number(telegramId);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new CommonException(CommonError.INVALID_TELEGRAM_ID, 'telegramId is out of range');
  }
  return value;
}
