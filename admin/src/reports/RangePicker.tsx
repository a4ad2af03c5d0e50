import { MenuItem, Stack, TextField, ToggleButton, ToggleButtonGroup, useMediaQuery, type Theme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { daysOf, isCustom, type RangeChoice } from './rangeChoice';

interface RangePickerProps {
  value: RangeChoice;
  onChange: (choice: RangeChoice) => void;
  presets: readonly number[];
}

const CUSTOM = 'custom';

/**
 * Preset ranges (today, 7 / 30 / 90 days) or a custom From / To in whole days; a typed date past
 * the other end moves that end along, so the range never runs backwards. Toggle buttons, and on
 * a phone a select: six buttons do not fit 390 px, and one row that scrolled hid Custom.
 */
export const RangePicker = ({ value, onChange, presets }: RangePickerProps) => {
  const translate = useTranslate();
  const custom = isCustom(value);
  const days = daysOf(value, new Date());
  const selected = custom ? CUSTOM : String(value.days);
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const choices = [
    ...presets.map((preset) => ({
      value: String(preset),
      label: preset === 1 ? translate('app.reporting.today') : translate('app.reporting.days', { smart_count: preset }),
    })),
    { value: CUSTOM, label: translate('app.reporting.custom') },
  ];
  const choose = (next: string | null) => {
    if (!next || next === selected) return;
    onChange(next === CUSTOM ? days : { days: Number(next) });
  };
  return (
    <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center', minWidth: 0, maxWidth: '100%' }}>
      {phone ? (
        <TextField
          select
          size="small"
          sx={{ minWidth: 170 }}
          label={translate('app.reporting.range')}
          value={selected}
          onChange={({ target }) => choose(target.value)}
        >
          {choices.map((choice) => (
            <MenuItem key={choice.value} value={choice.value}>
              {choice.label}
            </MenuItem>
          ))}
        </TextField>
      ) : (
        <ToggleButtonGroup
          size="small"
          exclusive
          value={selected}
          aria-label={translate('app.reporting.range')}
          sx={{ maxWidth: '100%', overflowX: 'auto', '& .MuiToggleButton-root': { whiteSpace: 'nowrap' } }}
          onChange={(_event, next: string | null) => choose(next)}
        >
          {choices.map((choice) => (
            <ToggleButton key={choice.value} value={choice.value}>
              {choice.label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      )}
      {custom && (
        <>
          <DayField
            name="fromDay"
            label={translate('app.filters.from')}
            value={value.fromDay}
            max={value.toDay}
            onChange={(fromDay) => onChange({ fromDay, toDay: fromDay > value.toDay ? fromDay : value.toDay })}
          />
          <DayField
            name="toDay"
            label={translate('app.filters.to')}
            value={value.toDay}
            min={value.fromDay}
            onChange={(toDay) => onChange({ fromDay: toDay < value.fromDay ? toDay : value.fromDay, toDay })}
          />
        </>
      )}
    </Stack>
  );
};

interface DayFieldProps {
  name: string;
  label: string;
  value: string;
  min?: string;
  max?: string;
  onChange: (day: string) => void;
}

const DayField = ({ name, label, value, min, max, onChange }: DayFieldProps) => (
  <TextField
    size="small"
    type="date"
    fullWidth={false}
    sx={{ width: 170 }}
    label={label}
    value={value}
    slotProps={{ inputLabel: { shrink: true }, htmlInput: { min, max, name } }}
    // An emptied field keeps the day it had.
    onChange={({ target }) => target.value && onChange(target.value)}
  />
);
