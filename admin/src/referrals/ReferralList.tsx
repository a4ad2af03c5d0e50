import {
  BooleanField,
  DataTable,
  List,
  NullableBooleanInput,
  ReferenceField,
  SearchInput,
} from 'react-admin';
import { DateCol } from '../common/columns';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import { UserReferenceInput } from '../common/UserReferenceInput';
import type { Referral } from '../types';
import { ListActions } from '../common/ListActions';

const referralFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <NullableBooleanInput key="converted" source="converted" alwaysOn />,
  <UserReferenceInput key="referrerId" source="referrerId" />,
  <UserReferenceInput key="referredId" source="referredId" />,
  ...createdAtRangeFilters(),
];

/** Who brought whom: one row per attributed registration. */
export const ReferralList = () => (
  <List filters={referralFilters} sort={{ field: 'createdAt', order: 'DESC' }} actions={<ListActions />}>
    <DataTable<Referral> rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DateCol source="createdAt" />
      <DataTable.Col source="referrerId">
        <ReferenceField source="referrerId" reference="User" link="show" />
      </DataTable.Col>
      <DataTable.Col source="referredId">
        <ReferenceField source="referredId" reference="User" link="show" />
      </DataTable.Col>
      <DataTable.Col source="codeUsed" disableSort />
      <DataTable.Col source="converted" disableSort>
        <BooleanField source="converted" />
      </DataTable.Col>
      <DateCol source="convertedAt" />
      <DataTable.Col source="firstOrderId" disableSort>
        <ReferenceField source="firstOrderId" reference="Order" link="show" emptyText="" />
      </DataTable.Col>
    </DataTable>
  </List>
);
