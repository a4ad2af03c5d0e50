import type { ValueTransformer } from 'typeorm';

/** bigint ids that GraphQL shows as strings (Telegram ids) */
export const bigintAsString: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: number | string | null) => (value === null || value === undefined ? value : String(value)),
};
