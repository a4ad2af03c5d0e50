import { Tab, Tabs } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';

/**
 * Tabs over a list's status filter (react-admin demo's order tabs): one tab per status and
 * "All"; choosing one keeps the other filters.
 */
export const StatusTabs = ({ statuses }: { statuses: readonly string[] }) => {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const translate = useTranslate();
  const current = (filterValues.status as string | undefined) ?? '';
  return (
    <Tabs
      value={statuses.includes(current) ? current : ''}
      onChange={(_, status: string) => {
        const { status: _previous, ...others } = filterValues;
        setFilters(status ? { ...others, status } : others, displayedFilters);
      }}
      variant="scrollable"
      scrollButtons="auto"
      allowScrollButtonsMobile
      sx={{ borderBottom: 1, borderColor: 'divider', maxWidth: '100%' }}
    >
      {statuses.map((status) => (
        <Tab key={status} value={status} label={translate(`app.status.${status}`)} />
      ))}
      <Tab value="" label={translate('app.filters.all')} />
    </Tabs>
  );
};
