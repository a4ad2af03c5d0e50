import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { setReportingTimeZone } from './timeZone';

/**
 * The API's reporting time zone, asked once per session; undefined until it answers. The
 * reporting screens wait for it so "today" and the buckets' names match the API's.
 */
export function useReportingTimeZone(): string | undefined {
  const dataProvider = useDataProvider<AppDataProvider>();
  const { data } = useQuery({
    queryKey: ['reportingTimeZone'],
    queryFn: async () => {
      const { data: timeZone } = await dataProvider.reportingTimeZone();
      setReportingTimeZone(timeZone);
      return timeZone;
    },
    staleTime: Infinity,
  });
  return data;
}
