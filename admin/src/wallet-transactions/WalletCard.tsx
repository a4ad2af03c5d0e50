import { Card, CardContent, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { formatMoney } from '../money';
import type { User, Wallet } from '../types';

const BALANCES: (keyof Wallet)[] = ['pending', 'available', 'locked', 'totalEarned', 'totalWithdrawn'];

/** The current user's wallet balances, from `wallet(telegramId)`. */
export const WalletCard = () => {
  const user = useRecordContext<User>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const translate = useTranslate();
  const telegramId = user?.telegramId;
  const { data: wallet, error } = useQuery({
    queryKey: ['wallet', telegramId],
    queryFn: () => dataProvider.wallet(telegramId!).then(({ data }) => data),
    enabled: !!telegramId,
  });
  if (error) {
    return <Typography color="error">{(error as Error).message}</Typography>;
  }
  if (!wallet) return null;
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="subtitle2" color="text.secondary" gutterBottom>
          {translate('app.wallet.title')}
        </Typography>
        <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {BALANCES.map((balance) => (
            <div key={balance}>
              <Typography variant="caption" color="text.secondary">
                {translate(`app.wallet.${balance}`)}
              </Typography>
              <Typography
                variant="h6"
                sx={{
                  fontVariantNumeric: 'tabular-nums',
                  color: (wallet[balance] as number) < 0 ? 'error.main' : undefined,
                }}
              >
                {formatMoney(wallet[balance] as number)}
              </Typography>
            </div>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
};
