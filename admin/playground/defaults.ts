export const DEFAULT_QUERY = `# Sign in as an admin, then copy accessToken into the headers below:
#   { "Authorization": "Bearer <accessToken>" }
# The bot authenticates with its key instead: { "x-api-key": "<BOT_API_KEY>" }

mutation Login($telegramId: String!, $password: String!) {
  login(telegramId: $telegramId, password: $password) {
    accessToken
    expiresAt
    admin {
      id
      telegramId
      username
      role
    }
  }
}

query Settings {
  allSettings(perPage: 50) {
    key
    value
    valueType
  }
}
`;

export const DEFAULT_VARIABLES = `{
  "telegramId": "",
  "password": ""
}
`;

// Comments are allowed here (JSONC). Uncomment one line and fill it in.
export const DEFAULT_HEADERS = `{
  // Admin, after the Login mutation:
  // "Authorization": "Bearer <accessToken>"
  // Bot:
  // "x-api-key": "..."
}
`;
