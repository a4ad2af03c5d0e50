import {
  BooleanInput,
  NumberInput,
  required,
  SelectInput,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { rupeesInputText } from '../money';
import type { Setting } from '../types';
import { settingPresentation } from './settingCatalog';
import { checkRupees, checkSettingBounds, formatBound, rupeesToFormValue } from './settingValidation';

const wholeNumber = (value: unknown) =>
  value == null || Number.isInteger(value) ? undefined : 'app.validation.whole_number';

/** The editor for a setting's JSON value, picked by its `valueType`, checked against its bounds. */
export const SettingValueInput = () => {
  const setting = useRecordContext<Setting>();
  const translate = useTranslate();
  if (!setting?.valueType) return null;
  const label = settingPresentation(setting.key).label;
  const bounds = (value: unknown) => checkSettingBounds(value, setting);
  const range = {
    min: formatBound(setting.valueType, setting.min ?? 0),
    max: formatBound(setting.valueType, setting.max ?? 0),
  };
  switch (setting.valueType) {
    case 'BOOLEAN':
      return <BooleanInput source="value" label={label} />;
    case 'MONEY':
      // Typed in rupees, stored in paise: 500 is ₹500.00.
      return (
        <TextInput
          source="value"
          label={label}
          format={(value: unknown) => (typeof value === 'number' ? rupeesInputText(value) : (value as string) ?? '')}
          parse={rupeesToFormValue}
          validate={[required(), checkRupees, bounds]}
          helperText={translate('app.settings.rupees_help')}
          slotProps={{ input: { startAdornment: '₹' } }}
        />
      );
    case 'PERCENT':
      return (
        <NumberInput
          source="value"
          label={label}
          validate={[required(), bounds]}
          helperText={translate('app.settings.percent_help', range)}
        />
      );
    case 'HOURS':
      return (
        <NumberInput
          source="value"
          label={label}
          step={1}
          validate={[required(), wholeNumber, bounds]}
          helperText={translate('app.settings.hours_help', range)}
        />
      );
    case 'INTEGER':
      return (
        <NumberInput
          source="value"
          label={label}
          step={1}
          validate={[required(), wholeNumber, bounds]}
          helperText={translate('app.settings.count_help', range)}
        />
      );
    case 'ENUM':
      return setting.options ? (
        <SelectInput
          source="value"
          label={label}
          choices={setting.options.map((option) => ({ id: option, name: option }))}
          validate={required()}
        />
      ) : (
        <TextInput source="value" label={label} validate={required()} />
      );
    default:
      return <TextInput source="value" label={label} validate={required()} />;
  }
};
