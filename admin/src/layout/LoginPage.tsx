import { Login, LoginForm, PasswordInput, required, TextInput } from 'react-admin';

// Admins sign in with their Telegram ID, which authProvider.login sends as `telegramId`.
export const LoginPage = () => (
  <Login>
    <LoginForm>
      <TextInput
        autoFocus
        source="telegramId"
        label="app.auth.telegram_id"
        autoComplete="username"
        validate={required()}
      />
      <PasswordInput
        source="password"
        label="ra.auth.password"
        autoComplete="current-password"
        validate={required()}
      />
    </LoginForm>
  </Login>
);
