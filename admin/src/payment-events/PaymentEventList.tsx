import {
  BooleanInput,
  DataTable,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
  TextInput,
} from 'react-admin';
import { enumChoices, statusChoices } from '../common/choices';
import { DateCol, MoneyCol, StatusCol } from '../common/columns';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import type { PaymentEvent } from '../types';
import {
  PAYMENT_EVENT_KINDS,
  PAYMENT_EVENT_LIST_FIELDS,
  PAYMENT_EVENT_OUTCOMES,
  PAYMENT_GATEWAYS,
} from './paymentEventFields';

const paymentEventFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="outcome" source="outcome" choices={statusChoices(PAYMENT_EVENT_OUTCOMES)} alwaysOn />,
  <BooleanInput key="needsReview" source="needsReview" alwaysOn />,
  <SelectInput key="gateway" source="gateway" choices={enumChoices(PAYMENT_GATEWAYS)} />,
  <SelectInput key="kind" source="kind" choices={enumChoices(PAYMENT_EVENT_KINDS)} />,
  <TextInput key="type" source="type" />,
  <TextInput key="orderId" source="orderId" />,
  ...createdAtRangeFilters(),
];

export const PaymentEventList = () => (
  <List
    filters={paymentEventFilters}
    sort={{ field: 'createdAt', order: 'DESC' }}
    queryOptions={{ meta: { sparseFields: PAYMENT_EVENT_LIST_FIELDS } }}
    exporter={false}
  >
    <DataTable<PaymentEvent> rowClick="show" bulkActionButtons={false}>
      <DateCol source="createdAt" />
      <DataTable.Col source="gateway" />
      <DataTable.Col source="type" />
      <StatusCol source="outcome" />
      <DataTable.Col source="orderId">
        <ReferenceField source="orderId" reference="Order" link="show" emptyText="—" />
      </DataTable.Col>
      <MoneyCol source="amount" />
      <DataTable.Col source="gatewayPaymentId" disableSort />
      <DataTable.Col source="note" disableSort />
    </DataTable>
  </List>
);
