import {
  DataTable,
  List,
  ReferenceField,
  SearchInput,
} from 'react-admin';
import { ORDER_STATUSES } from '../common/choices';
import { StatusTabs } from '../common/StatusTabs';
import { DateCol, MoneyCol, StatusCol } from '../common/columns';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import { UserReferenceInput } from '../common/UserReferenceInput';
import type { Order } from '../types';
import { ListActions } from '../common/ListActions';
import { FilterSidebar } from '../common/FilterSidebar';

const OrderSidebar = () => <FilterSidebar groups={[]} />;

const orderFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <UserReferenceInput key="userId" source="userId" />,
  ...createdAtRangeFilters(),
];

export const OrderList = () => (
  <List aside={<OrderSidebar />} filters={orderFilters} sort={{ field: 'createdAt', order: 'DESC' }} actions={<ListActions />}>
    <StatusTabs statuses={ORDER_STATUSES} />
    <DataTable<Order> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DateCol source="createdAt" />
      <DataTable.Col source="userId" label="resources.Order.fields.user">
        <ReferenceField source="userId" reference="User" link="show" />
      </DataTable.Col>
      <MoneyCol source="amount" />
      <StatusCol source="status" />
      {/* A failed payment's transaction ID is kept apart; the operator searches either. */}
      <DataTable.Col
        source="transactionId"
        disableSort
        render={(order: Order) => order.transactionId ?? order.failedTransactionId ?? ''}
      />
      <DateCol source="paidAt" />
    </DataTable>
  </List>
);
