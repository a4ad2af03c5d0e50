import LeaderboardIcon from '@mui/icons-material/Leaderboard';
import { personName } from '../common/format';
import type { Referrer } from '../types';
import { ReferrerList } from './ReferrerList';

export default {
  list: ReferrerList,
  icon: LeaderboardIcon,
  recordRepresentation: (referrer: Referrer) => personName(referrer),
};
