import type DataLoader from 'dataloader';
import { loaderById } from '../common/graphql/loaders.js';
import type { User } from './user.entity.js';
import type { UsersRepository } from './users.repository.js';

/** The users a page of rows names (referrer, buyer, admin…), by id: one statement per request. */
export interface UserLoaders {
  users: DataLoader<number, User | null>;
}

export function userLoaders(users: UsersRepository): UserLoaders {
  return { users: loaderById((ids) => users.findByIds(ids), (user) => user.id) };
}
