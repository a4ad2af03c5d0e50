import {
  DataTable,
  List,
  NumberInput,
  SearchInput,
  SelectInput,
  useCreatePath,
  type Identifier,
} from 'react-admin';
import { USER_STATUSES, statusChoices } from '../common/choices';
import { MoneyCol, StatusCol } from '../common/columns';
import { formatPercent, personName } from '../common/format';
import type { Referrer } from '../types';
import { ListActions } from '../common/ListActions';

const referrerFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices(USER_STATUSES)} alwaysOn />,
  <NumberInput key="directReferralsGte" source="directReferralsGte" min={1} step={1} />,
];

/** Referrer performance, best earners first; a row opens the user (a referrer's id is theirs). */
export const ReferrerList = () => {
  const createPath = useCreatePath();
  const openUser = (id: Identifier) => createPath({ resource: 'User', id, type: 'show' });
  return (
    <List
      filters={referrerFilters}
      sort={{ field: 'totalEarned', order: 'DESC' }}
      actions={<ListActions />}
    >
      <DataTable<Referrer> rowClick={openUser} bulkActionButtons={false}>
        <DataTable.Col source="telegramId" />
        <DataTable.Col source="username" label="resources.Referrer.fields.name" render={personName} />
        <StatusCol source="status" disableSort />
        <DataTable.NumberCol source="directReferrals" sortByOrder="DESC" />
        <DataTable.NumberCol source="level2Referrals" sortByOrder="DESC" />
        <DataTable.NumberCol source="clicks" sortByOrder="DESC" />
        <DataTable.NumberCol source="conversions" sortByOrder="DESC" />
        <DataTable.Col
          source="conversionRate"
          align="right"
          sortByOrder="DESC"
          render={(referrer) => formatPercent(referrer.conversionRate, { fixed: true })}
        />
        <MoneyCol source="level1Earned" sortByOrder="DESC" />
        <MoneyCol source="level2Earned" sortByOrder="DESC" />
        <MoneyCol source="totalEarned" sortByOrder="DESC" />
      </DataTable>
    </List>
  );
};
