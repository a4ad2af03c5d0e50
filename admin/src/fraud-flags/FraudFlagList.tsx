import GroupWorkIcon from '@mui/icons-material/GroupWork';
import { Link } from 'react-router';
import {
  Button,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
  TopToolbar,
} from 'react-admin';
import {
  FRAUD_FLAG_STATUSES,
  FRAUD_FLAG_TYPE_WORDS,
  FRAUD_FLAG_TYPES,
  FRAUD_SEVERITIES,
  statusChoices,
  wordedChoices,
} from '../common/choices';
import { DateCol, StatusCol, WordsCol } from '../common/columns';
import { createdAtRangeFilters } from '../common/DateRangeFilters';
import { UserReferenceInput } from '../common/UserReferenceInput';
import type { FraudFlag } from '../types';
import { FraudFlagActionButtons } from './FraudFlagActionButtons';
import { FraudFlagBulkActions } from './FraudFlagBulkActions';
import { ExportAllButton } from '../common/ExportAllButton';
import CategoryIcon from '@mui/icons-material/Category';
import WarningIcon from '@mui/icons-material/Warning';
import { FilterSidebar } from '../common/FilterSidebar';

const FraudFlagSidebar = () => (
  <FilterSidebar
    groups={[
      { label: 'resources.FraudFlag.fields.severity', icon: <WarningIcon />, source: 'severity', values: FRAUD_SEVERITIES.map((value) => ({ value, label: `app.status.${value}` })) },
      { label: 'resources.FraudFlag.fields.type', icon: <CategoryIcon />, source: 'type', values: FRAUD_FLAG_TYPES.map((value) => ({ value, label: `${FRAUD_FLAG_TYPE_WORDS}.${value}` })) },
    ]}
  />
);

const fraudFlagFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices(FRAUD_FLAG_STATUSES)} alwaysOn />,
  <SelectInput key="severity" source="severity" choices={statusChoices(FRAUD_SEVERITIES)} alwaysOn />,
  <SelectInput key="type" source="type" choices={wordedChoices(FRAUD_FLAG_TYPES, FRAUD_FLAG_TYPE_WORDS)} />,
  <UserReferenceInput key="userId" source="userId" />,
  ...createdAtRangeFilters(),
];

// What needs a decision: open flags, newest first.
const OPEN_ONLY = { status: 'OPEN' };

const FraudFlagListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton label="app.fraud.create" />
    <Button label="app.fraud.cases.open" component={Link} to="/fraud-cases">
      <GroupWorkIcon />
    </Button>
    <ExportAllButton />
  </TopToolbar>
);

export const FraudFlagList = () => (
  <List
    aside={<FraudFlagSidebar />}
    filters={fraudFlagFilters}
    filterDefaultValues={OPEN_ONLY}
    sort={{ field: 'createdAt', order: 'DESC' }}
    actions={<FraudFlagListActions />}
  >
    <DataTable<FraudFlag> rowClick="show" bulkActionButtons={<FraudFlagBulkActions />}>
      <DataTable.Col source="id" />
      <DateCol source="createdAt" />
      <DataTable.Col source="userId" label="resources.FraudFlag.fields.user">
        <ReferenceField source="userId" reference="User" link="show" />
      </DataTable.Col>
      <WordsCol source="type" prefix={FRAUD_FLAG_TYPE_WORDS} />
      <StatusCol source="severity" />
      <StatusCol source="status" />
      <DataTable.Col source="reason" disableSort />
      <DataTable.Col label="app.actions.title" disableSort>
        <FraudFlagActionButtons />
      </DataTable.Col>
    </DataTable>
  </List>
);
