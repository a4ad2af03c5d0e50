import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { AdminOnly, Public, SuperAdminOnly } from '../common/auth/access.decorator.js';
import { CurrentAdmin } from '../common/auth/current-admin.decorator.js';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { ListMetadata } from '../common/graphql/list.js';
import { AdminRole } from '../users/user.entity.js';
import { Admin, AuthPayload } from './admin.model.js';
import { AdminsService } from './admins.service.js';
import { AdminListArgs, ChangePasswordArgs, CreateAdminInput, LoginArgs, UpdateMyNameArgs } from './dto/admin.inputs.js';

@Resolver(() => Admin)
@SuperAdminOnly()
export class AdminsResolver {
  constructor(@Inject(AdminsService) private readonly admins: AdminsService) {}

  @Mutation(() => AuthPayload, { description: 'Signs an admin in. The first sign-in with SUPER_ADMIN_TELEGRAM_ID creates the super admin.' })
  @Public()
  login(@Args() { telegramId, password }: LoginArgs, @Context('req') request: Request) {
    return this.admins.login(telegramId, password, request.ip);
  }

  @Query(() => Admin, { description: 'The signed-in admin' })
  @AdminOnly()
  me(@CurrentAdmin() admin: AdminPrincipal) {
    return this.admins.me(admin);
  }

  @Mutation(() => Boolean, { description: 'Changes the signed-in admin\'s password; tokens issued before it stop working' })
  @AdminOnly()
  changePassword(@Args() { currentPassword, newPassword }: ChangePasswordArgs, @CurrentAdmin() admin: AdminPrincipal) {
    return this.admins.changePassword(admin, currentPassword, newPassword);
  }

  @Mutation(() => Admin, { description: "Sets the signed-in admin's own display name" })
  @AdminOnly()
  updateMyName(@Args() { firstName, lastName }: UpdateMyNameArgs, @CurrentAdmin() admin: AdminPrincipal) {
    return this.admins.updateName(admin, firstName, lastName ?? null);
  }

  @Query(() => Admin, { name: 'Admin', nullable: true })
  admin(@Args('id', { type: () => ID }) id: string) {
    return this.admins.findOne(id);
  }

  @Query(() => [Admin])
  allAdmins(@Args() args: AdminListArgs) {
    return this.admins.findAll(args);
  }

  @Query(() => ListMetadata)
  async _allAdminsMeta(@Args() args: AdminListArgs): Promise<ListMetadata> {
    return { count: await this.admins.count(args) };
  }

  @Mutation(() => Admin)
  createAdmin(@Args('input') input: CreateAdminInput) {
    return this.admins.create(input);
  }

  @Mutation(() => Admin)
  updateAdminRole(@Args('id', { type: () => ID }) id: string, @Args('role', { type: () => AdminRole }) role: AdminRole, @CurrentAdmin() actor: AdminPrincipal) {
    return this.admins.setRole(actor, id, role);
  }

  @Mutation(() => Admin, { description: 'A disabled admin cannot sign in; their tokens stop working at once' })
  disableAdmin(@Args('id', { type: () => ID }) id: string, @CurrentAdmin() actor: AdminPrincipal) {
    return this.admins.setActive(actor, id, false);
  }

  @Mutation(() => Admin)
  enableAdmin(@Args('id', { type: () => ID }) id: string, @CurrentAdmin() actor: AdminPrincipal) {
    return this.admins.setActive(actor, id, true);
  }
}
