import BlockIcon from '@mui/icons-material/Block';
import { BulkOperationButton } from '../common/BulkOperationButton';
import { BulkReasonForm } from '../common/BulkReasonForm';

/** Block the selected users with one reason (their open withdrawal requests are rejected). */
export const UserBulkActions = () => (
  <BulkOperationButton
    label="app.users.bulk_block"
    action="block"
    color="error"
    icon={<BlockIcon />}
    form={BulkReasonForm}
    run={(dataProvider, id, reason) => dataProvider.blockUser(id, reason)}
  />
);
