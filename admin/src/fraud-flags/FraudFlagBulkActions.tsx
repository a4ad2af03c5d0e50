import CheckIcon from '@mui/icons-material/Check';
import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturb';
import { BulkOperationButton } from '../common/BulkOperationButton';
import { BulkReasonForm } from '../common/BulkReasonForm';

/** Resolve or dismiss the selected flags, each with the same note. */
export const FraudFlagBulkActions = () => (
  <>
    <BulkOperationButton
      label="app.fraud.bulk_resolve"
      action="resolve"
      icon={<CheckIcon />}
      form={BulkReasonForm}
      run={(dataProvider, id, note) => dataProvider.resolveFraudFlag(id, note)}
    />
    <BulkOperationButton
      label="app.fraud.bulk_dismiss"
      action="dismiss"
      icon={<DoNotDisturbIcon />}
      form={BulkReasonForm}
      run={(dataProvider, id, note) => dataProvider.dismissFraudFlag(id, note)}
    />
  </>
);
