import { purple } from '@mui/material/colors';
import type { Palette } from '@mui/material/styles';

/**
 * The series colours of the report charts, from the theme where its colours tell the series
 * apart. In react-admin's light theme `secondary` and `info` are both blues close to `primary`
 * (#2196f3, #0288d1 beside #1976d2), so new users and paid orders once looked the same; purple
 * stands apart from the blue, green and orange in both modes.
 */
export function chartColors(palette: Palette) {
  const distinct = palette.mode === 'dark' ? purple[200] : purple[500];
  return {
    money: { revenue: palette.primary.main, profit: palette.success.main, commissions: palette.warning.main, net: distinct },
    counts: { newUsers: distinct, paidOrders: palette.primary.main },
  };
}
