import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableFooter,
  TableHead,
  TableRow,
  TextField,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { downloadCSV, Loading, Title, useDataProvider, useStore, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { formatMoney } from '../money';
import { LazyReportChart } from './LazyReportChart';
import { REPORTING_PAGE_SX } from './pageLayout';
import { choiceKey, daysOf, rangeOf, type RangeChoice } from './rangeChoice';
import { RangePicker } from './RangePicker';
import {
  columnValue,
  MAX_BUCKETS,
  maxBuckets,
  REPORT_COLUMNS,
  reportCsv,
  reportFileName,
  totalOf,
  type ReportColumn,
} from './reportMath';
import { bucketLabel } from './timeZone';
import { useReportingTimeZone } from './useReportingTimeZone';
import type { PeriodStats, ReportInterval } from './types';

const INTERVALS: ReportInterval[] = ['HOUR', 'DAY', 'WEEK', 'MONTH'];
const PRESETS = [1, 7, 30, 90, 365] as const;

/** Figures per hour, day, week or month over a range: chart, table and CSV download. */
export const ReportsPage = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [choice, setChoice] = useStore<RangeChoice>('reports.range', { days: 30 });
  const [interval, setInterval] = useStore<ReportInterval>('reports.interval', 'DAY');
  const range = rangeOf(choice, new Date());
  const tooMany = maxBuckets(range, interval) > MAX_BUCKETS;
  const timeZone = useReportingTimeZone();
  const { data, error, isPending, isFetching } = useQuery({
    queryKey: ['reportSeries', timeZone, choiceKey(choice), interval],
    queryFn: () => dataProvider.reportSeries(rangeOf(choice, new Date()), interval).then(({ data }) => data),
    enabled: timeZone !== undefined && !tooMany,
    placeholderData: keepPreviousData,
  });

  const download = (series: PeriodStats[]) => {
    const { fromDay, toDay } = daysOf(choice, new Date());
    const csv = reportCsv(series, interval, {
      period: translate('app.reporting.period'),
      from: translate('app.reporting.period_start'),
      to: translate('app.reporting.period_end'),
      columns: Object.fromEntries(
        REPORT_COLUMNS.map(({ key }) => [key, translate(`app.reporting.columns_csv.${key}`)]),
      ) as Record<ReportColumn, string>,
    });
    downloadCSV(csv, reportFileName(interval, fromDay, toDay));
  };

  return (
    <Stack spacing={2} sx={REPORTING_PAGE_SX}>
      <Title title={translate('app.reporting.reports_title')} />
      <Card>
        <CardContent>
          <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            <RangePicker value={choice} onChange={setChoice} presets={PRESETS} />
            <TextField
              select
              size="small"
              label={translate('app.reporting.interval')}
              value={interval}
              onChange={(event) => setInterval(event.target.value as ReportInterval)}
              fullWidth={false}
              sx={{ width: 190 }}
              slotProps={{ htmlInput: { name: 'interval' } }}
            >
              {INTERVALS.map((value) => (
                <MenuItem key={value} value={value}>
                  {translate(`app.reporting.intervals.${value}`)}
                </MenuItem>
              ))}
            </TextField>
            <Box sx={{ flex: 1 }} />
            <Button
              variant="outlined"
              startIcon={<DownloadIcon />}
              disabled={!data || data.length === 0 || tooMany || isFetching}
              onClick={() => data && download(data)}
            >
              {translate('app.reporting.download_csv')}
            </Button>
          </Stack>
        </CardContent>
      </Card>
      {tooMany && <Alert severity="warning">{translate('app.reporting.too_many_buckets', { max: MAX_BUCKETS })}</Alert>}
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {!tooMany && isPending && <Loading />}
      {!tooMany && data && (
        <>
          <Card>
            <CardContent>
              <LazyReportChart series={data} interval={interval} showNet height={280} />
            </CardContent>
          </Card>
          <ReportTable series={data} interval={interval} />
        </>
      )}
    </Stack>
  );
};

const ReportTable = ({ series, interval }: { series: PeriodStats[]; interval: ReportInterval }) => {
  const translate = useTranslate();
  const total = totalOf(series);
  const cell = (row: PeriodStats, key: ReportColumn, money: boolean) => {
    const value = columnValue(row, key);
    return money ? formatMoney(value) : value.toLocaleString('en-IN');
  };
  return (
    <Card>
      <TableContainer sx={{ maxHeight: 640 }}>
        <Table size="small" stickyHeader aria-label={translate('app.reporting.reports_title')} data-testid="report-table">
          <TableHead>
            <TableRow>
              <TableCell sx={{ position: 'sticky', left: 0, zIndex: 3 }}>
                {translate('app.reporting.period')}
              </TableCell>
              {REPORT_COLUMNS.map(({ key }) => (
                <TableCell key={key} align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {translate(`app.reporting.columns.${key}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {series.map((row) => (
              <TableRow key={row.from} hover data-bucket={row.from}>
                <TableCell sx={{ position: 'sticky', left: 0, bgcolor: 'background.paper', whiteSpace: 'nowrap' }}>
                  {bucketLabel(row.from, interval)}
                </TableCell>
                {REPORT_COLUMNS.map(({ key, money }) => (
                  <TableCell key={key} align="right" data-column={key} sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {cell(row, key, money)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
          {total && (
            <TableFooter>
              <TableRow data-bucket="total">
                <TableCell sx={{ position: 'sticky', left: 0, bgcolor: 'background.paper', fontWeight: 600 }}>
                  {translate('app.reporting.total')}
                </TableCell>
                {REPORT_COLUMNS.map(({ key, money }) => (
                  <TableCell
                    key={key}
                    align="right"
                    data-column={key}
                    sx={{ fontWeight: 600, color: 'text.primary', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                  >
                    {cell(total, key, money)}
                  </TableCell>
                ))}
              </TableRow>
            </TableFooter>
          )}
        </Table>
      </TableContainer>
    </Card>
  );
};
