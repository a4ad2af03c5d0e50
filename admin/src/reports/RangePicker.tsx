import { Stack, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
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
 * the other end moves that end along, so the range never runs backwards.
 */
export const RangePicker = ({ value, onChange, presets }: RangePickerProps) => {
  const translate = useTranslate();
  const custom = isCustom(value);
  const days = daysOf(value, new Date());
  const selected = custom ? CUSTOM : String(value.days);
  return (
    <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={selected}
        aria-label={translate('app.reporting.range')}
        // One row that scrolls on a phone rather than buttons three lines high.
        sx={{ maxWidth: '100%', overflowX: 'auto', '& .MuiToggleButton-root': { whiteSpace: 'nowrap' } }}
        onChange={(_event, next: string | null) => {
          if (!next || next === selected) return;
          onChange(next === CUSTOM ? days : { days: Number(next) });
        }}
      >
        {presets.map((preset) => (
          <ToggleButton key={preset} value={String(preset)}>
            {preset === 1
              ? translate('app.reporting.today')
              : translate('app.reporting.days', { smart_count: preset })}
          </ToggleButton>
        ))}
        <ToggleButton value={CUSTOM}>{translate('app.reporting.custom')}</ToggleButton>
      </ToggleButtonGroup>
      {custom && (
        <>
          <TextField
            size="small"
            type="date"
            label={translate('app.filters.from')}
            value={value.fromDay}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: value.toDay, name: 'fromDay' } }}
            onChange={({ target }) =>
              target.value && onChange({ fromDay: target.value, toDay: target.value > value.toDay ? target.value : value.toDay })
            }
          />
          <TextField
            size="small"
            type="date"
            label={translate('app.filters.to')}
            value={value.toDay}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: value.fromDay, name: 'toDay' } }}
            onChange={({ target }) =>
              target.value && onChange({ fromDay: target.value < value.fromDay ? target.value : value.fromDay, toDay: target.value })
            }
          />
        </>
      )}
    </Stack>
  );
};
