import type { AdminLog } from '../types';

// Sparse field lists (ra-data-graphql-simple `meta.sparseFields`): the list skips the
// before/after snapshots, and both pages fetch the acting admin's name, not only its id.
const ACTING_ADMIN = { admin: ['id', 'telegramId', 'username'] };

export const ADMIN_LOG_LIST_FIELDS = [
  'id',
  'adminId',
  ACTING_ADMIN,
  'action',
  'targetType',
  'targetId',
  'ipAddress',
  'createdAt',
];

export const ADMIN_LOG_SHOW_FIELDS = [...ADMIN_LOG_LIST_FIELDS, 'before', 'after', 'userAgent'];

export function actingAdminName({ admin, adminId }: AdminLog): string {
  return admin ? admin.username || admin.telegramId : String(adminId ?? '—');
}
