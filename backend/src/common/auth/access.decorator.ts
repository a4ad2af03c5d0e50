import { SetMetadata } from '@nestjs/common';

/** Who may call an operation or read a field. Everything without a marker is refused. */
export enum Principal {
  /** Anyone, unauthenticated (only `login`). */
  PUBLIC = 'PUBLIC',
  /** The Telegram bot, by `x-api-key`. */
  BOT = 'BOT',
  /** Any active admin (ADMIN or SUPER_ADMIN), by JWT. */
  ADMIN = 'ADMIN',
  /** Only a SUPER_ADMIN, by JWT. */
  SUPER_ADMIN = 'SUPER_ADMIN',
}

export const ACCESS_KEY = 'access';

/**
 * Marks who may call a resolver class or method. The global AccessGuard refuses any operation
 * or field resolver that carries no marker (default deny); a method marker overrides its class.
 */
export const Access = (...principals: Principal[]) => SetMetadata(ACCESS_KEY, principals);

export const Public = () => Access(Principal.PUBLIC);
export const BotOrAdmin = () => Access(Principal.BOT, Principal.ADMIN);
export const BotOnly = () => Access(Principal.BOT);
export const AdminOnly = () => Access(Principal.ADMIN);
export const SuperAdminOnly = () => Access(Principal.SUPER_ADMIN);
