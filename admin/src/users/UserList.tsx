import {
  DataTable,
  List,
  SearchInput,
  SelectField,
  SelectInput,
} from 'react-admin';
import { USER_STATUSES, statusChoices } from '../common/choices';
import { DateCol, StatusCol } from '../common/columns';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import { fullName } from '../common/format';
import { UserReferenceInput } from '../common/UserReferenceInput';
import type { User } from '../types';
import { UserBulkActions } from './UserBulkActions';
import { USER_TYPE_CHOICES } from './userChoices';
import { ListActions } from '../common/ListActions';
import PersonIcon from '@mui/icons-material/Person';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { FilterSidebar } from '../common/FilterSidebar';

const UserSidebar = () => (
  <FilterSidebar
    groups={[
      { label: 'resources.User.fields.status', icon: <VerifiedUserIcon />, source: 'status', values: USER_STATUSES.map((value) => ({ value, label: `app.status.${value}` })) },
      { label: 'resources.User.fields.type', icon: <PersonIcon />, source: 'type', values: USER_TYPE_CHOICES.map(({ id, name }) => ({ value: id, label: name })) },
    ]}
  />
);

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices(USER_STATUSES)} alwaysOn />,
  <SelectInput key="type" source="type" choices={USER_TYPE_CHOICES} />,
  <UserReferenceInput key="referredById" source="referredById" />,
  ...createdAtRangeFilters(),
];

export const UserList = () => (
  <List aside={<UserSidebar />} filters={userFilters} sort={{ field: 'createdAt', order: 'DESC' }} actions={<ListActions />}>
    <DataTable<User> rowClick="show" bulkActionButtons={<UserBulkActions />}>
      <DataTable.Col source="telegramId" />
      <DataTable.Col source="username" />
      <DataTable.Col source="firstName" label="resources.User.fields.name" render={fullName} />
      <DataTable.Col source="referralCode" disableSort />
      <StatusCol source="status" />
      <DataTable.Col source="type" disableSort>
        <SelectField source="type" choices={USER_TYPE_CHOICES} />
      </DataTable.Col>
      <DateCol source="createdAt" />
    </DataTable>
  </List>
);
