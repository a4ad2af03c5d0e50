import pg from 'pg';

const INT8_OID = 20;

/**
 * node-postgres returns bigint as a string. Every bigint here (paise, Telegram ids, row ids)
 * stays far below 2^53, so it is read as a number, and anything beyond that fails loudly
 * rather than silently losing precision.
 */
export function installPgTypeParsers(): void {
  pg.types.setTypeParser(INT8_OID, (value: string) => {
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new RangeError(`bigint ${value} exceeds the safe integer range`);
    return parsed;
  });
}
