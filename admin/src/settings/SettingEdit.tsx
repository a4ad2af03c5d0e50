import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import {
  Confirm,
  Edit,
  Labeled,
  SaveButton,
  SimpleForm,
  TextField,
  Toolbar,
  useRecordContext,
  useSaveContext,
  useTranslate,
} from 'react-admin';
import type { Setting } from '../types';
import { settingPresentation } from './settingCatalog';
import { SettingValueInput } from './SettingValueInput';

/**
 * Save, asking first when a switch that stops part of the business (withdrawals, referrals,
 * fraud checks) changes: a kill switch must never flip by a stray click.
 */
const SettingSaveToolbar = () => {
  const setting = useRecordContext<Setting>();
  const translate = useTranslate();
  const { getValues, watch } = useFormContext();
  const { save, saving } = useSaveContext();
  const [confirming, setConfirming] = useState(false);
  const presentation = settingPresentation(setting?.key ?? '');
  const flips = !!presentation.killSwitch && watch('value') !== setting?.value;
  const turningOff = flips && !watch('value');
  const name = translate(presentation.label);
  return (
    <Toolbar>
      <SaveButton
        type={flips ? 'button' : 'submit'}
        onClick={
          flips
            ? (event) => {
                event.preventDefault();
                setConfirming(true);
              }
            : undefined
        }
      />
      <Confirm
        isOpen={confirming}
        loading={saving}
        title={translate(turningOff ? 'app.settings.switch_off_title' : 'app.settings.switch_on_title', { name })}
        content={turningOff ? 'app.settings.switch_off_content' : 'app.settings.switch_on_content'}
        onConfirm={async () => {
          await save?.(getValues());
          setConfirming(false);
        }}
        onClose={() => setConfirming(false)}
      />
    </Toolbar>
  );
};

const SettingDescription = () => {
  const setting = useRecordContext<Setting>();
  const translate = useTranslate();
  if (!setting) return null;
  const presentation = settingPresentation(setting.key);
  return (
    <Labeled label="resources.Setting.fields.description">
      <span>{presentation.known ? translate(`${presentation.label}_help`) : setting.description}</span>
    </Labeled>
  );
};

export const SettingEdit = () => (
  // Pessimistic: the server validates the value too, and a refused change must not show as saved.
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm toolbar={<SettingSaveToolbar />} mode="onChange" reValidateMode="onChange">
      <Labeled>
        <TextField source="key" />
      </Labeled>
      <SettingDescription />
      <SettingValueInput />
    </SimpleForm>
  </Edit>
);
