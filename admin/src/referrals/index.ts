import ShareIcon from '@mui/icons-material/Share';
import type { Referral } from '../types';
import { ReferralList } from './ReferralList';

export default {
  list: ReferralList,
  icon: ShareIcon,
  recordRepresentation: (referral: Referral) => `#${referral.id} · ${referral.codeUsed}`,
};
