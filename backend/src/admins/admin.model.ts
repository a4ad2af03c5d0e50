import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AdminRole, User } from '../users/user.entity.js';

/** An admin account as the super admin manages it. */
@ObjectType()
export class Admin {
  @Field(() => ID)
  id: number;

  @Field()
  telegramId: string;

  @Field(() => String, { nullable: true })
  username: string | null;

  @Field(() => String, { nullable: true })
  firstName: string | null;

  @Field(() => String, { nullable: true })
  lastName: string | null;

  @Field(() => AdminRole)
  role: AdminRole;

  @Field({ description: 'A disabled admin cannot sign in, and their tokens stop working' })
  active: boolean;

  @Field(() => Date, { nullable: true })
  lastLoginAt: Date | null;

  @Field()
  createdAt: Date;

  static from(user: User): Admin {
    return Object.assign(new Admin(), {
      id: user.id,
      telegramId: user.telegramId,
      username: user.username,
      firstName: user.firstName,
      lastName: user.lastName,
      role: user.role as AdminRole,
      active: user.adminActive,
      lastLoginAt: user.lastLoginAt,
      createdAt: user.createdAt,
    });
  }
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken: string;

  @Field({ description: 'When the token stops working' })
  expiresAt: Date;

  @Field(() => User)
  admin: User;
}
