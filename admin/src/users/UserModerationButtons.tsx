import BlockIcon from '@mui/icons-material/Block';
import FlagIcon from '@mui/icons-material/Flag';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import PlaylistAddCheckIcon from '@mui/icons-material/PlaylistAddCheck';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { CreateButton, useRecordContext } from 'react-admin';
import { ActionButton } from '../common/ActionButton';
import type { User } from '../types';
import { userModeration } from './userActions';

/** Block or unblock, by the user's status; blocking asks for the reason. */
export const BlockUserButton = () => {
  const user = useRecordContext<User>();
  const moderation = userModeration(user?.status);
  if (moderation === 'unblock') {
    return (
      <ActionButton<User>
        label="app.users.unblock"
        action="unblock"
        icon={<LockOpenIcon />}
        confirm="app.users.unblock"
        run={(dataProvider, record) => dataProvider.unblockUser(record.id)}
        successMessage="app.users.unblocked"
      />
    );
  }
  if (moderation === 'block') {
    return (
      <ActionButton<User>
        label="app.users.block"
        action="block"
        icon={<BlockIcon />}
        color="error"
        prompt={{
          title: 'app.users.block_title',
          content: 'app.users.block_content',
          inputLabel: 'app.actions.reason',
          minLength: 3,
        }}
        run={(dataProvider, record, reason) => dataProvider.blockUser(record.id, reason)}
        successMessage="app.users.blocked"
      />
    );
  }
  return null;
};

/** Exempt users are skipped by the automatic fraud checks (a known shared IP, say). */
export const FraudExemptionButton = () => {
  const user = useRecordContext<User>();
  if (!user) return null;
  const exempt = !user.fraudExempt;
  return (
    <ActionButton<User>
      label={exempt ? 'app.users.exempt' : 'app.users.unexempt'}
      action="exempt"
      icon={<VerifiedUserIcon />}
      prompt={{
        title: exempt ? 'app.users.exempt_title' : 'app.users.unexempt_title',
        content: exempt ? 'app.users.exempt_content' : 'app.users.unexempt_content',
        inputLabel: 'app.users.exemption_note',
        minLength: 0,
      }}
      run={(dataProvider, record, note) => dataProvider.setFraudExemption(record.id, exempt, note)}
      successMessage={exempt ? 'app.users.exempted' : 'app.users.unexempted'}
    />
  );
};

/** Runs every fraud rule for this user now; tells how many flags are open after. */
export const RunFraudChecksButton = () => (
  <ActionButton<User, { data: unknown[] }>
    label="app.users.run_fraud_checks"
    action="runFraudChecks"
    icon={<PlaylistAddCheckIcon />}
    confirm="app.users.run_fraud_checks"
    run={(dataProvider, record) => dataProvider.runFraudChecks(record.id)}
    successMessage="app.users.fraud_checks_done"
    successCount={({ data }) => data.length}
  />
);

/** Opens the manual flag form for this user. */
export const FlagUserButton = () => {
  const user = useRecordContext<User>();
  if (!user) return null;
  return (
    <CreateButton
      resource="FraudFlag"
      label="app.fraud.flag_user"
      icon={<FlagIcon />}
      state={{ record: { userId: user.id, type: 'MANUAL', severity: 'MEDIUM' } }}
    />
  );
};
