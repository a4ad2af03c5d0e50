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
} from 'react-admin';
import { DateCol, MoneyCol, StatusCol } from '../common/columns';
import { MoneyField } from '../common/MoneyField';
import { StatusChip } from '../common/StatusChip';
import type { Commission, Order } from '../types';
import { orderTerms } from './orderFields';
import { RefundOrderButton } from './RefundOrderButton';

const OrderShowActions = () => (
  <TopToolbar>
    <RefundOrderButton />
  </TopToolbar>
);

export const OrderShow = () => (
  <Show actions={<OrderShowActions />}>
    <SimpleShowLayout>
      <TextField source="id" />
      <ReferenceField source="userId" reference="User" link="show" label="resources.Order.fields.user" />
      <StatusChip source="status" />
      <TextField source="productName" />
      <MoneyField source="amount" />
      <TextField source="upiId" emptyText="—" />
      <TextField source="transactionId" emptyText="—" />
      <TextField source="failedTransactionId" emptyText="—" />
      <DateField source="createdAt" showTime />
      <DateField source="paidAt" showTime emptyText="—" />
      <DateField source="failedAt" showTime emptyText="—" />
      <DateField source="refundedAt" showTime emptyText="—" />
      <TextField source="refundReason" emptyText="—" />
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
    </SimpleShowLayout>
  </Show>
);
