import FactCheckIcon from '@mui/icons-material/FactCheck';
import {
  Alert,
  Card,
  CardContent,
  CardHeader,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Button, Link, useCreatePath, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { formatMoney } from '../money';

/**
 * The ledger check (`walletReconciliation`): every wallet's cached balances recomputed from
 * the ledger. It reads every ledger row, so it runs when asked, not on each dashboard load.
 */
export const LedgerCheckCard = () => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { mutate, data: report, isPending } = useMutation({
    mutationFn: () => dataProvider.walletReconciliation().then(({ data }) => data),
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });

  return (
    <Card>
      <CardHeader
        avatar={<FactCheckIcon color="action" />}
        title={translate('app.ledger.title')}
        subheader={translate('app.ledger.subtitle')}
        action={
          <Button label="app.ledger.run" onClick={() => mutate()} disabled={isPending} />
        }
      />
      {report && (
        <CardContent sx={{ pt: 0 }}>
          <Alert severity={report.driftedWallets ? 'error' : 'success'} sx={{ mb: report.drift.length ? 2 : 0 }}>
            {translate(report.driftedWallets ? 'app.ledger.drifted' : 'app.ledger.clean', {
              checked: report.checkedWallets,
              drifted: report.driftedWallets,
              at: new Date(report.checkedAt).toLocaleString(),
            })}
          </Alert>
          {report.drift.length > 0 && (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('app.ledger.user')}</TableCell>
                  <TableCell>{translate('app.ledger.field')}</TableCell>
                  <TableCell align="right">{translate('app.ledger.cached')}</TableCell>
                  <TableCell align="right">{translate('app.ledger.expected')}</TableCell>
                  <TableCell align="right">{translate('app.ledger.difference')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {report.drift.map((row) => (
                  <TableRow key={`${row.userId}-${row.field}`}>
                    <TableCell>
                      <Link to={createPath({ resource: 'User', id: row.userId, type: 'show' })}>
                        {String(row.userId)}
                      </Link>
                    </TableCell>
                    <TableCell>{row.field}</TableCell>
                    <TableCell align="right">{formatMoney(row.cached)}</TableCell>
                    <TableCell align="right">{formatMoney(row.expected)}</TableCell>
                    <TableCell align="right">{formatMoney(row.cached - row.expected)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      )}
    </Card>
  );
};
