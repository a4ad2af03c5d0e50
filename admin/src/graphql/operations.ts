// The operations the panel writes by hand; everything else is generated from the schema.
// test/schema-contract.test.ts validates each of them against the backend's schema.

const ADMIN_FIELDS = 'id telegramId username role active lastLoginAt createdAt';

export const LOGIN = `
  mutation Login($telegramId: String!, $password: String!) {
    login(telegramId: $telegramId, password: $password) {
      accessToken
      expiresAt
      admin { id telegramId username firstName role }
    }
  }
`;

export const CHANGE_PASSWORD = `
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`;

export const DISABLE_ADMIN = `
  mutation DisableAdmin($id: ID!) {
    disableAdmin(id: $id) { ${ADMIN_FIELDS} }
  }
`;

export const ENABLE_ADMIN = `
  mutation EnableAdmin($id: ID!) {
    enableAdmin(id: $id) { ${ADMIN_FIELDS} }
  }
`;

export const UPDATE_ADMIN_ROLE = `
  mutation UpdateAdminRole($id: ID!, $role: AdminRole!) {
    updateAdminRole(id: $id, role: $role) { ${ADMIN_FIELDS} }
  }
`;
