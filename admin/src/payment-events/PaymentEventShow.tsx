import FactCheckIcon from '@mui/icons-material/FactCheck';
import {
  BooleanField,
  DateField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { ActionButton } from '../common/ActionButton';
import { MoneyField } from '../common/MoneyField';
import { RawBodyField } from '../common/RawBodyField';
import { StatusChip } from '../common/StatusChip';
import type { PaymentEvent } from '../types';
import { PAYMENT_EVENT_SHOW_FIELDS } from './paymentEventFields';

/** Clears an event awaiting review, with what the admin found or did. */
const ReviewButton = () => {
  const event = useRecordContext<PaymentEvent>();
  if (!event?.needsReview) return null;
  return (
    <ActionButton<PaymentEvent>
      label="app.payment_events.review"
      action="review"
      icon={<FactCheckIcon />}
      prompt={{
        title: 'app.payment_events.review_title',
        content: 'app.payment_events.review_content',
        inputLabel: 'app.actions.note',
        minLength: 3,
        maxLength: 1000,
      }}
      run={(dataProvider, record, note) => dataProvider.reviewPaymentEvent(record.id, note)}
      successMessage="app.payment_events.reviewed"
    />
  );
};

export const PaymentEventShow = () => (
  <Show
    queryOptions={{ meta: { sparseFields: PAYMENT_EVENT_SHOW_FIELDS } }}
    actions={
      <TopToolbar>
        <ReviewButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <DateField source="createdAt" showTime />
      <TextField source="gateway" />
      <TextField source="type" />
      <TextField source="kind" />
      <StatusChip source="outcome" />
      <BooleanField source="needsReview" />
      <TextField source="note" emptyText="—" />
      <DateField source="reviewedAt" showTime emptyText="—" />
      <TextField source="reviewNote" emptyText="—" />
      <ReferenceField source="orderId" reference="Order" link="show" emptyText="—" />
      <TextField source="paymentReference" emptyText="—" />
      <TextField source="gatewayPaymentId" emptyText="—" />
      <MoneyField source="amount" />
      <TextField source="eventKey" />
      <RawBodyField source="body" />
    </SimpleShowLayout>
  </Show>
);
