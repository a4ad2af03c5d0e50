import { Card, CardContent } from '@mui/material';
import type { ReactElement } from 'react';
import { FilterList, FilterListItem, FilterLiveSearch } from 'react-admin';
import EventIcon from '@mui/icons-material/Event';
import { todayStart } from './dateRange';

interface FilterGroup {
  /** Translation key of the group's title. */
  label: string;
  icon: ReactElement;
  /** The filter field, and its values with their translation keys. */
  source: string;
  values: { value: string; label: string }[];
}

const daysAgo = (days: number) => {
  const date = new Date();
  date.setDate(date.getDate() - days);
  return todayStart(date);
};

/**
 * A list's sidebar (react-admin demo's FilterList): one click filters by a status, a type or a
 * recent period; hidden on phones, where the filter button does the same.
 */
export const FilterSidebar = ({ groups, search = false }: { groups: FilterGroup[]; search?: boolean }) => (
  <Card sx={{ order: -1, mr: 2, mt: 2, width: 200, flexShrink: 0, display: { xs: 'none', md: 'block' } }}>
    <CardContent>
      {search && <FilterLiveSearch />}
      {groups.map(({ label, icon, source, values }) => (
        <FilterList key={source} label={label} icon={icon}>
          {values.map(({ value, label: itemLabel }) => (
            <FilterListItem key={value} label={itemLabel} value={{ [source]: value }} />
          ))}
        </FilterList>
      ))}
      <FilterList label="app.filters.created" icon={<EventIcon />}>
        <FilterListItem label="app.filters.today" value={{ createdAtGte: daysAgo(0), createdAtLte: undefined }} />
        <FilterListItem label="app.filters.last_7_days" value={{ createdAtGte: daysAgo(6), createdAtLte: undefined }} />
        <FilterListItem label="app.filters.last_30_days" value={{ createdAtGte: daysAgo(29), createdAtLte: undefined }} />
      </FilterList>
    </CardContent>
  </Card>
);
