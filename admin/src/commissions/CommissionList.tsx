import {
  DataTable,
  FilterButton,
  List,
  NumberField,
  ReferenceField,
  SelectInput,
  TextInput,
  TopToolbar,
  type Identifier,
} from 'react-admin';
import { COMMISSION_STATUSES, statusChoices } from '../common/choices';
import { DateCol, MoneyCol, StatusCol } from '../common/columns';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import { UserReferenceInput } from '../common/UserReferenceInput';
import type { Commission } from '../types';
import { ReleaseMaturedButton } from './ReleaseMaturedButton';
import { ExportAllButton } from '../common/ExportAllButton';
import { CommissionHoldField } from './CommissionHoldField';

const LEVEL_CHOICES = [
  { id: 1, name: 'app.commissions.level_1' },
  { id: 2, name: 'app.commissions.level_2' },
];

const commissionFilters = [
  <SelectInput key="status" source="status" choices={statusChoices(COMMISSION_STATUSES)} alwaysOn />,
  <UserReferenceInput key="beneficiaryId" source="beneficiaryId" />,
  <TextInput key="orderId" source="orderId" />,
  <SelectInput key="level" source="level" choices={LEVEL_CHOICES} />,
  ...createdAtRangeFilters(),
];

const CommissionListActions = () => (
  <TopToolbar>
    <FilterButton />
    <ReleaseMaturedButton />
    <ExportAllButton />
  </TopToolbar>
);

// The beneficiary's status decides whether a pending commission is held (CommissionHoldField).
const COMMISSION_LIST_FIELDS = [
  'id',
  'createdAt',
  'orderId',
  'level',
  'beneficiaryId',
  { beneficiary: ['id', 'status'] },
  'amount',
  'status',
  'releaseAt',
];

// A commission has no page of its own: a row opens the order that earned it.
const openOrder = (_id: Identifier, _resource: string, commission: Commission) =>
  `/Order/${commission.orderId}/show`;

export const CommissionList = () => (
  <List
    filters={commissionFilters}
    actions={<CommissionListActions />}
    sort={{ field: 'createdAt', order: 'DESC' }}
    queryOptions={{ meta: { sparseFields: COMMISSION_LIST_FIELDS } }}
  >
    <DataTable<Commission> rowClick={openOrder} bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DateCol source="createdAt" />
      <DataTable.Col source="orderId" label="resources.Commission.fields.order" disableSort>
        <ReferenceField source="orderId" reference="Order" link="show" />
      </DataTable.Col>
      <DataTable.Col source="level">
        <NumberField source="level" />
      </DataTable.Col>
      <DataTable.Col source="beneficiaryId" label="resources.Commission.fields.beneficiary" disableSort>
        <ReferenceField source="beneficiaryId" reference="User" link="show" />
      </DataTable.Col>
      <MoneyCol source="amount" />
      <StatusCol source="status" />
      <DateCol source="releaseAt" />
      <DataTable.Col label="resources.Commission.fields.held" disableSort>
        <CommissionHoldField />
      </DataTable.Col>
    </DataTable>
  </List>
);
