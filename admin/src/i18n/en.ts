import englishMessages from 'ra-language-english';
import { mergeTranslations, type TranslationMessages } from 'react-admin';

export const en: TranslationMessages = mergeTranslations(englishMessages, {
  resources: {
    Setting: {
      name: 'Setting |||| Settings',
      fields: { updatedAt: 'Updated' },
    },
    AdminLog: {
      name: 'Admin log entry |||| Admin log',
      fields: {
        createdAt: 'When',
        admin: 'Admin',
        adminId: 'Admin ID',
        targetType: 'Target type',
        targetId: 'Target ID',
        ipAddress: 'IP address',
        userAgent: 'User agent',
        createdAtGte: 'From',
        createdAtLte: 'To',
      },
    },
    Admin: {
      name: 'Admin account |||| Admin accounts',
      fields: {
        telegramId: 'Telegram ID',
        lastLoginAt: 'Last login',
        createdAt: 'Created',
      },
    },
  },
  app: {
    auth: { telegram_id: 'Telegram ID' },
    dashboard: {
      title: 'Dashboard',
      signed_in_as: 'Signed in as %{name}',
      telegram_id: 'Telegram ID %{telegramId}',
      playground: 'GraphQL playground',
    },
    roles: { ADMIN: 'Admin', SUPER_ADMIN: 'Super admin' },
    settings: {
      paise: 'Value in paise',
      paise_help: 'Whole paise: 13500 is ₹135.00',
      percent_help: 'Percent, 0 to 100',
      hours_help: 'Hours',
    },
    admins: {
      disable: 'Disable',
      disable_title: 'Disable %{name}?',
      disable_content: 'They will no longer be able to sign in.',
      disabled: 'Account disabled',
      enable: 'Enable',
      enable_title: 'Enable %{name}?',
      enable_content: 'They will be able to sign in again.',
      enabled: 'Account enabled',
      make_super_admin: 'Make super admin',
      make_super_admin_title: 'Make %{name} a super admin?',
      make_super_admin_content: 'Super admins can change settings and manage admin accounts.',
      make_admin: 'Make admin',
      make_admin_title: 'Make %{name} an admin?',
      make_admin_content: 'They will no longer be able to change settings or manage admin accounts.',
      role_changed: 'Role changed',
    },
    change_password: {
      title: 'Change password',
      current: 'Current password',
      new: 'New password',
      confirm: 'New password again',
      mismatch: 'The two new passwords differ',
      done: 'Password changed',
    },
    validation: {
      whole_number: 'Must be a whole number',
      digits: 'Digits only',
    },
  },
});
