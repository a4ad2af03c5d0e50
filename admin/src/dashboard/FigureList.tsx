import { Card, CardActions, CardContent, CardHeader, Divider, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export interface Figure {
  /** data-figure attribute, read by the e2e check. */
  name: string;
  label: string;
  value: ReactNode;
  hint?: string;
}

/** A card of labelled figures, two columns wide on a desktop, one on a phone. */
export const FigureList = ({
  title,
  subheader,
  figures,
  actions,
}: {
  title: string;
  subheader?: string;
  figures: Figure[];
  actions?: ReactNode;
}) => (
  <Card sx={{ display: 'flex', flexDirection: 'column' }}>
    <CardHeader title={title} subheader={subheader} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
    <Divider />
    <CardContent
      component="dl"
      sx={{
        m: 0,
        flex: 1,
        display: 'grid',
        gridTemplateColumns: 'minmax(0, 1fr) auto',
        columnGap: 2,
        rowGap: 1,
        alignContent: 'start',
      }}
    >
      {figures.map(({ name, label, value, hint }) => (
        <FigureRow key={name} name={name} label={label} value={value} hint={hint} />
      ))}
    </CardContent>
    {actions && <CardActions>{actions}</CardActions>}
  </Card>
);

const FigureRow = ({ name, label, value, hint }: Figure) => (
  <>
    <Typography component="dt" variant="body2" color="text.secondary" title={hint}>
      {label}
    </Typography>
    <Typography
      component="dd"
      variant="body2"
      data-figure={name}
      sx={{ m: 0, textAlign: 'right', fontWeight: 500, fontVariantNumeric: 'tabular-nums' }}
    >
      {value}
    </Typography>
  </>
);
