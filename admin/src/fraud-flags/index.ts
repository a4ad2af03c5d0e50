import FlagIcon from '@mui/icons-material/Flag';
import type { FraudFlag } from '../types';
import { FraudFlagCreate } from './FraudFlagCreate';
import { FraudFlagList } from './FraudFlagList';
import { FraudFlagShow } from './FraudFlagShow';

export default {
  list: FraudFlagList,
  show: FraudFlagShow,
  create: FraudFlagCreate,
  icon: FlagIcon,
  recordRepresentation: (flag: FraudFlag) => `#${flag.id} · ${flag.type}`,
};
