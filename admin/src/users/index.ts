import PeopleIcon from '@mui/icons-material/People';
import { personName } from '../common/format';
import type { User } from '../types';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

export default {
  list: UserList,
  show: UserShow,
  icon: PeopleIcon,
  recordRepresentation: (user: User) => personName(user),
};
