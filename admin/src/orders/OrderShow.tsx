import {
  DataTable,
  DateField,
  FunctionField,
  Labeled,
  NumberField,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  UrlField,
} from 'react-admin';
import { DateCol, MoneyCol, StatusCol } from '../common/columns';
import { MoneyField } from '../common/MoneyField';
import { useRecordHas } from '../common/presence';
import { StatusChip } from '../common/StatusChip';
import { PAYMENT_EVENT_LIST_FIELDS } from '../payment-events/paymentEventFields';
import type { Commission, Order, PaymentEvent } from '../types';
import { orderTerms } from './orderFields';
import { RefundOrderButton } from './RefundOrderButton';

const OrderShowActions = () => (
  <TopToolbar>
    <RefundOrderButton />
  </TopToolbar>
);

export const OrderShow = () => (
  <Show actions={<OrderShowActions />}>
    <OrderDetails />
  </Show>
);

/** The order, then only what its payment has come to: a pending one lists no refund fields. */
const OrderDetails = () => {
  const has = useRecordHas<Order>();
  return (
    <SimpleShowLayout>
      <TextField source="id" />
      <ReferenceField source="userId" reference="User" link="show" label="resources.Order.fields.user" />
      <StatusChip source="status" />
      <TextField source="productName" />
      <MoneyField source="amount" />
      {has('upiId') && <TextField source="upiId" />}
      {has('transactionId') && <TextField source="transactionId" />}
      {has('failedTransactionId') && <TextField source="failedTransactionId" />}
      <DateField source="createdAt" showTime />
      {has('paidAt') && <DateField source="paidAt" showTime />}
      {has('failedAt') && <DateField source="failedAt" showTime />}
      {has('refundedAt') && <DateField source="refundedAt" showTime />}
      {has('refundReason') && <TextField source="refundReason" />}
      <TextField source="paymentReference" />
      {has('paymentUrl') && <UrlField source="paymentUrl" target="_blank" />}
      <NumberField source="failedAttempts" />
      {has('expiredAt') && <DateField source="expiredAt" showTime />}
      {/* The terms the order was created with, kept when settings change later. */}
      <FunctionField<Order> label="app.orders.terms" render={orderTerms} />
      <Labeled label="resources.Order.fields.commissions" fullWidth>
        <ReferenceManyField reference="Commission" target="orderId" sort={{ field: 'level', order: 'ASC' }}>
          <DataTable<Commission> bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="level">
              <NumberField source="level" />
            </DataTable.Col>
            <DataTable.Col source="beneficiaryId" label="resources.Commission.fields.beneficiary" disableSort>
              <ReferenceField source="beneficiaryId" reference="User" link="show" />
            </DataTable.Col>
            <MoneyCol source="amount" />
            <StatusCol source="status" />
            <DateCol source="releaseAt" />
          </DataTable>
        </ReferenceManyField>
      </Labeled>
      {/* Every gateway event about the order: its attempts, captures and refunds. */}
      <Labeled label="resources.Order.fields.paymentEvents" fullWidth>
        <ReferenceManyField reference="PaymentEvent" target="orderId" sort={{ field: 'createdAt', order: 'ASC' }} queryOptions={{ meta: { sparseFields: PAYMENT_EVENT_LIST_FIELDS } }}>
          <DataTable<PaymentEvent> bulkActionButtons={false} rowClick="show">
            <DateCol source="createdAt" />
            <DataTable.Col source="type" />
            <StatusCol source="outcome" />
            <MoneyCol source="amount" />
            <DataTable.Col source="gatewayPaymentId" disableSort />
            <DataTable.Col source="note" disableSort />
          </DataTable>
        </ReferenceManyField>
      </Labeled>
    </SimpleShowLayout>
  );
};
