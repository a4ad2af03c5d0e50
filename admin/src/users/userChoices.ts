import { USER_TYPES } from '../common/choices';

export const USER_TYPE_CHOICES = USER_TYPES.map((type) => ({ id: type, name: `app.users.type.${type}` }));
