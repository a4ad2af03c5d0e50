import BlockIcon from '@mui/icons-material/Block';
import CheckIcon from '@mui/icons-material/Check';
import {
  Button as MuiButton,
  Card,
  CardActions,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  Link,
  Title,
  useAuthenticated,
  useCanAccess,
  useCreatePath,
  useDataProvider,
  useGetMany,
  useTranslate,
  type Identifier,
} from 'react-admin';
import { runForEach, type BulkResult } from '../common/bulk';
import { BulkReasonForm } from '../common/BulkReasonForm';
import { BulkResultsDialog } from '../common/BulkResultsDialog';
import { personName } from '../common/format';
import { StatusChip } from '../common/StatusChip';
import type { AppDataProvider } from '../dataProvider';
import type { FraudCase, User } from '../types';

type GroupAction = 'resolve' | 'block';

/** One case: the shared evidence, every account on it, and resolve / block for the group. */
const CaseCard = ({ fraudCase, users, onAction }: {
  fraudCase: FraudCase;
  users: Map<string, User>;
  onAction: (action: GroupAction, fraudCase: FraudCase) => void;
}) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { canAccess: canResolve } = useCanAccess({ resource: 'FraudFlag', action: 'resolve' });
  const { canAccess: canBlock } = useCanAccess({ resource: 'User', action: 'block' });
  return (
    <Card variant="outlined" data-case={fraudCase.evidenceKey}>
      <CardContent>
        <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <Chip size="small" label={translate(`app.status.${fraudCase.severity}`)} color={fraudCase.severity === 'HIGH' ? 'error' : 'warning'} />
          <Typography variant="subtitle1">{translate(`app.fraud.types.${fraudCase.type}`)}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            {fraudCase.evidenceKey.replace(/^(device|ip|upi):/, '')}
          </Typography>
        </Stack>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('app.fraud.cases.accounts', { smart_count: fraudCase.userIds.length })}
        </Typography>
        <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', mt: 0.5 }}>
          {fraudCase.userIds.map((id) => {
            const user = users.get(String(id));
            return (
              <Stack key={String(id)} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                <Link to={createPath({ resource: 'User', id, type: 'show' })}>{user ? personName(user) : `#${id}`}</Link>
                {user && user.status !== 'ACTIVE' && <StatusChip record={user} source="status" />}
              </Stack>
            );
          })}
        </Stack>
      </CardContent>
      <CardActions>
        {canResolve && (
          <Button label="app.fraud.cases.resolve_all" onClick={() => onAction('resolve', fraudCase)}>
            <CheckIcon />
          </Button>
        )}
        {canBlock && (
          <Button label="app.fraud.cases.block_all" color="error" onClick={() => onAction('block', fraudCase)}>
            <BlockIcon />
          </Button>
        )}
      </CardActions>
    </Card>
  );
};

/**
 * The fraud queue by case: flags sharing one device, IP address or UPI ID grouped, most severe
 * and widest first, each decided for the whole group.
 */
export const FraudCasesPage = () => {
  useAuthenticated();
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const { data: cases = [], isPending, error } = useQuery({
    queryKey: ['fraudCases'],
    queryFn: () => dataProvider.fraudCases().then(({ data }) => data),
  });
  const userIds = [...new Set(cases.flatMap(({ userIds: ids }) => ids.map(String)))];
  const { data: users = [] } = useGetMany<User>('User', { ids: userIds }, { enabled: userIds.length > 0 });
  const byId = new Map(users.map((user) => [String(user.id), user]));
  const [pending, setPending] = useState<{ action: GroupAction; fraudCase: FraudCase } | null>(null);
  const [text, setText] = useState({ value: '', ready: false });
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<BulkResult[] | null>(null);

  const run = async () => {
    if (!pending) return;
    setRunning(true);
    const targets: { id: Identifier }[] =
      pending.action === 'resolve'
        ? pending.fraudCase.flagIds.map((id) => ({ id }))
        : pending.fraudCase.userIds.map((id) => ({ id }));
    const outcome = await runForEach(targets, ({ id }) =>
      pending.action === 'resolve' ? dataProvider.resolveFraudFlag(id, text.value) : dataProvider.blockUser(id, text.value),
    );
    setRunning(false);
    setPending(null);
    setResults(outcome);
    await queryClient.invalidateQueries({ queryKey: ['fraudCases'] });
    await queryClient.invalidateQueries({ queryKey: ['User'] });
  };

  return (
    <Stack spacing={1} sx={{ mt: 2 }}>
      <Title title="app.fraud.cases.title" />
      <Typography variant="body2" color="text.secondary">
        {translate('app.fraud.cases.help')}
      </Typography>
      {error && <Typography color="error">{(error as Error).message}</Typography>}
      {!isPending && !error && cases.length === 0 && <Typography>{translate('app.fraud.cases.none')}</Typography>}
      {cases.map((fraudCase) => (
        <CaseCard
          key={fraudCase.evidenceKey}
          fraudCase={fraudCase}
          users={byId}
          onAction={(action, chosen) => setPending({ action, fraudCase: chosen })}
        />
      ))}
      <Dialog open={pending !== null} onClose={() => !running && setPending(null)} fullWidth maxWidth="sm">
        <DialogTitle>
          {pending &&
            translate(pending.action === 'resolve' ? 'app.fraud.cases.resolve_title' : 'app.fraud.cases.block_title', {
              smart_count: pending.action === 'resolve' ? pending.fraudCase.flagIds.length : pending.fraudCase.userIds.length,
            })}
        </DialogTitle>
        <DialogContent>
          <BulkReasonForm onChange={(value, ready) => setText({ value, ready })} />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setPending(null)} disabled={running}>
            {translate('ra.action.cancel')}
          </MuiButton>
          <MuiButton variant="contained" onClick={run} disabled={running || !text.ready}>
            {translate('ra.action.confirm')}
          </MuiButton>
        </DialogActions>
      </Dialog>
      <BulkResultsDialog results={results} onClose={() => setResults(null)} />
    </Stack>
  );
};
