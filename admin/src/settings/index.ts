import TuneIcon from '@mui/icons-material/Tune';
import type { Setting } from '../types';
import { SettingEdit } from './SettingEdit';
import { SettingList } from './SettingList';

export default {
  list: SettingList,
  edit: SettingEdit,
  icon: TuneIcon,
  recordRepresentation: (setting: Setting) => setting.key,
};
