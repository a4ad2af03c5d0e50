import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import { Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatMoney } from '../money';
import { fittedFontSize } from '../common/format';
import { change, type Change } from '../reports/reportMath';

interface ComparisonCardProps {
  /** Names the figure for the e2e check and tests: data-figure="today.revenue". */
  name: string;
  title: string;
  today: number;
  yesterday: number;
  money: boolean;
}

/** Today's figure, yesterday's beside it, and the change between them. */
export const ComparisonCard = ({ name, title, today, yesterday, money }: ComparisonCardProps) => {
  const translate = useTranslate();
  const format = (value: number) => (money ? formatMoney(value) : value.toLocaleString('en-IN'));
  return (
    <Card>
      <CardContent sx={{ '&:last-child': { pb: 2 }, containerType: 'inline-size' }}>
        <Typography variant="body2" color="text.secondary" noWrap>
          {title}
        </Typography>
        <Typography
          variant="h5"
          component="p"
          data-figure={`today.${name}`}
          sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', fontSize: fittedFontSize(format(today)) }}
        >
          {format(today)}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <ChangeBadge change={change(today, yesterday)} />
          <Typography variant="caption" color="text.secondary" data-figure={`yesterday.${name}`}>
            {translate('app.reporting.vs_yesterday', { value: format(yesterday) })}
          </Typography>
        </Stack>
      </CardContent>
    </Card>
  );
};

const ChangeBadge = ({ change: { trend, percent } }: { change: Change }) => {
  const translate = useTranslate();
  const color = trend === 'up' || trend === 'new' ? 'success.main' : trend === 'down' ? 'error.main' : 'text.secondary';
  const Icon = trend === 'down' ? ArrowDownwardIcon : ArrowUpwardIcon;
  return (
    <Stack direction="row" sx={{ alignItems: 'center', color }} component="span">
      {(trend === 'up' || trend === 'down') && <Icon sx={{ fontSize: 14 }} />}
      <Typography variant="caption" sx={{ fontWeight: 600, color: 'inherit' }}>
        {trend === 'flat'
          ? translate('app.reporting.no_change')
          : trend === 'new'
            ? translate('app.reporting.new')
            : percent != null && `${trend === 'up' ? '+' : '−'}${Math.abs(percent)}%`}
      </Typography>
    </Stack>
  );
};
