import type { Identifier, RaRecord } from 'react-admin';

export type AdminRole = 'ADMIN' | 'SUPER_ADMIN';

/** The signed-in account, as `login` returns it. */
export interface SignedInAdmin {
  id: Identifier;
  telegramId: string;
  username?: string | null;
  firstName?: string | null;
  role: AdminRole | null;
}

export interface AuthPayload {
  accessToken: string;
  admin: SignedInAdmin;
  expiresAt: string;
}

export type SettingValueType =
  | 'MONEY'
  | 'PERCENT'
  | 'HOURS'
  | 'INTEGER'
  | 'BOOLEAN'
  | 'STRING'
  | 'ENUM';

export interface Setting extends RaRecord {
  key: string;
  value: unknown;
  valueType: SettingValueType;
  /** The allowed values of an ENUM setting. */
  options?: string[] | null;
  description: string;
  updatedAt: string;
}

export interface AdminLog extends RaRecord {
  adminId?: Identifier | null;
  admin?: { id: Identifier; telegramId: string; username?: string | null } | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  ipAddress?: string | null;
  userAgent?: string | null;
  createdAt: string;
}

export interface Admin extends RaRecord {
  telegramId: string;
  username?: string | null;
  role: AdminRole;
  active: boolean;
  lastLoginAt?: string | null;
  createdAt: string;
}
