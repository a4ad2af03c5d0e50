import { Box, Card, CardActionArea, Typography } from '@mui/material';
import type { ReactElement, ReactNode } from 'react';
import { Link } from 'react-router';

interface StatCardProps {
  icon: ReactElement;
  title: string;
  value: ReactNode;
  detail?: ReactNode;
  to: string;
  /** Draws the eye when something waits for an admin. */
  highlight?: boolean;
}

/** One number on the dashboard (grouped the Indian way, as every other figure), opening the list it counts. */
export const StatCard = ({ icon, title, value, detail, to, highlight = false }: StatCardProps) => (
  <Card sx={{ flex: '1 1 220px', borderLeft: 4, borderColor: highlight ? 'warning.main' : 'divider' }}>
    <CardActionArea component={Link} to={to} sx={{ p: 2, height: '100%' }}>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <Box>
          <Typography variant="body2" color="text.secondary">
            {title}
          </Typography>
          <Typography variant="h4" component="p" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {typeof value === 'number' ? value.toLocaleString('en-IN') : value}
          </Typography>
          {detail && (
            <Typography variant="body2" color="text.secondary">
              {detail}
            </Typography>
          )}
        </Box>
        <Box sx={{ color: 'text.secondary', '& svg': { fontSize: 36 } }}>{icon}</Box>
      </Box>
    </CardActionArea>
  </Card>
);
