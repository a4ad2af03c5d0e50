import { Box } from '@mui/material';
import {
  BooleanField,
  DateField,
  FunctionField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { MoneyField } from '../common/MoneyField';
import { StatusChip } from '../common/StatusChip';
import type { PaymentEvent } from '../types';
import { PAYMENT_EVENT_SHOW_FIELDS, prettyBody } from './paymentEventFields';

export const PaymentEventShow = () => (
  <Show queryOptions={{ meta: { sparseFields: PAYMENT_EVENT_SHOW_FIELDS } }}>
    <SimpleShowLayout>
      <DateField source="createdAt" showTime />
      <TextField source="gateway" />
      <TextField source="type" />
      <TextField source="kind" />
      <StatusChip source="outcome" />
      <BooleanField source="needsReview" />
      <TextField source="note" emptyText="—" />
      <ReferenceField source="orderId" reference="Order" link="show" emptyText="—" />
      <TextField source="paymentReference" emptyText="—" />
      <TextField source="gatewayPaymentId" emptyText="—" />
      <MoneyField source="amount" />
      <TextField source="eventKey" />
      <FunctionField<PaymentEvent>
        source="body"
        render={(event) => (
          <Box component="pre" sx={{ m: 0, p: 1.5, borderRadius: 1, bgcolor: 'action.hover', fontFamily: 'monospace', fontSize: 13, overflowX: 'auto' }}>
            {prettyBody(event.body)}
          </Box>
        )}
      />
    </SimpleShowLayout>
  </Show>
);
