import {
  BooleanInput,
  FormDataConsumer,
  maxValue,
  minValue,
  NumberInput,
  required,
  SelectInput,
  TextInput,
  useRecordContext,
} from 'react-admin';
import { formatMoney } from '../money';
import type { Setting } from '../types';

const wholeNumber = (value: unknown) =>
  value == null || Number.isInteger(value) ? undefined : 'app.validation.whole_number';

/** The editor for a setting's JSON value, picked by its `valueType`. */
export const SettingValueInput = () => {
  const setting = useRecordContext<Setting>();
  switch (setting?.valueType) {
    case undefined:
      return null;
    case 'BOOLEAN':
      return <BooleanInput source="value" />;
    case 'MONEY':
      return <MoneyValueInput />;
    case 'PERCENT':
      return (
        <NumberInput
          source="value"
          validate={[required(), minValue(0), maxValue(100)]}
          helperText="app.settings.percent_help"
        />
      );
    case 'HOURS':
      return (
        <NumberInput
          source="value"
          step={1}
          validate={[required(), wholeNumber, minValue(0)]}
          helperText="app.settings.hours_help"
        />
      );
    case 'INTEGER':
      return <NumberInput source="value" step={1} validate={[required(), wholeNumber]} />;
    case 'ENUM':
      return setting.options ? (
        <SelectInput
          source="value"
          choices={setting.options.map((option) => ({ id: option, name: option }))}
          validate={required()}
        />
      ) : (
        <TextInput source="value" validate={required()} />
      );
    default:
      return <TextInput source="value" validate={required()} />;
  }
};

// Money is edited in paise, as stored; the helper text shows the rupee amount as typed.
const MoneyValueInput = () => (
  <FormDataConsumer<Setting>>
    {({ formData }) => (
      <NumberInput
        source="value"
        label="app.settings.paise"
        step={1}
        validate={[required(), wholeNumber, minValue(0)]}
        helperText={
          typeof formData.value === 'number' && Number.isSafeInteger(formData.value)
            ? formatMoney(formData.value)
            : 'app.settings.paise_help'
        }
      />
    )}
  </FormDataConsumer>
);
