import { DateInput } from 'react-admin';
import { endOfDay, startOfDay } from './dateRange';

/**
 * The From / To pair of a list's filters on createdAt, spread into its `filters` array.
 * DateInput shows the stored ISO instant as its local day, so a reload keeps the dates.
 */
export function createdAtRangeFilters({ alwaysOn = false } = {}) {
  return [
    <DateInput key="createdAtGte" source="createdAtGte" label="app.filters.from" parse={startOfDay} alwaysOn={alwaysOn} />,
    <DateInput key="createdAtLte" source="createdAtLte" label="app.filters.to" parse={endOfDay} alwaysOn={alwaysOn} />,
  ];
}
