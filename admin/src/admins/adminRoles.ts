export const ADMIN_ROLE_CHOICES = [
  { id: 'ADMIN', name: 'app.roles.ADMIN' },
  { id: 'SUPER_ADMIN', name: 'app.roles.SUPER_ADMIN' },
];
