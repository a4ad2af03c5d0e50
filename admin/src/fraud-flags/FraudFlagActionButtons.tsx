import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturb';
import { useRecordContext } from 'react-admin';
import { ActionButton } from '../common/ActionButton';
import type { FraudFlag } from '../types';
import { allowedFraudFlagActions } from './fraudFlagRules';

/** Resolve (acted on) or dismiss (false alarm) an open flag, with a note of what was found. */
export const FraudFlagActionButtons = ({ variant = 'text' }: { variant?: 'text' | 'outlined' }) => {
  const flag = useRecordContext<FraudFlag>();
  const actions = allowedFraudFlagActions(flag?.status);
  return (
    <>
      {actions.includes('resolve') && (
        <ActionButton<FraudFlag>
          label="app.fraud.resolve"
          action="resolve"
          icon={<CheckCircleIcon />}
          variant={variant}
          color="success"
          prompt={{
            title: 'app.fraud.resolve_title',
            content: 'app.fraud.resolve_content',
            inputLabel: 'app.actions.note',
            minLength: 3,
            maxLength: 1000,
          }}
          run={(dataProvider, record, note) => dataProvider.resolveFraudFlag(record.id, note)}
          successMessage="app.fraud.resolved"
        />
      )}
      {actions.includes('dismiss') && (
        <ActionButton<FraudFlag>
          label="app.fraud.dismiss"
          action="dismiss"
          icon={<DoNotDisturbIcon />}
          variant={variant}
          prompt={{
            title: 'app.fraud.dismiss_title',
            content: 'app.fraud.dismiss_content',
            inputLabel: 'app.actions.note',
            minLength: 3,
            maxLength: 1000,
          }}
          run={(dataProvider, record, note) => dataProvider.dismissFraudFlag(record.id, note)}
          successMessage="app.fraud.dismissed"
        />
      )}
    </>
  );
};
