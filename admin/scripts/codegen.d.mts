export const SCHEMA_FILE: string;
export const OPERATIONS_FILE: string;
export const SCHEMA_TYPES_FILE: string;
export const OPERATIONS_TYPES_FILE: string;
/** Each generated file's path and text. */
export function generate(): Promise<Record<string, string>>;
