import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { AdminOnly, SuperAdminOnly } from '../common/auth/access.decorator.js';
import { CurrentAdmin } from '../common/auth/current-admin.decorator.js';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { ListMetadata } from '../common/graphql/list.js';
import { SettingListArgs } from './dto/setting-filter.input.js';
import { Setting } from './setting.entity.js';
import { SettingsService } from './settings.service.js';

@Resolver(() => Setting)
@AdminOnly()
export class SettingsResolver {
  constructor(@Inject(SettingsService) private readonly settings: SettingsService) {}

  @Query(() => Setting, { name: 'Setting', nullable: true })
  setting(@Args('id', { type: () => ID }) id: string) {
    return this.settings.findOne(id);
  }

  @Query(() => [Setting])
  allSettings(@Args() args: SettingListArgs) {
    return this.settings.findAll(args);
  }

  @Query(() => ListMetadata)
  async _allSettingsMeta(@Args() args: SettingListArgs): Promise<ListMetadata> {
    return { count: await this.settings.count(args) };
  }

  @Mutation(() => Setting, { description: 'Changes one setting (super admin). Applies to orders created after the change.' })
  @SuperAdminOnly()
  updateSetting(
    @Args('key') key: string,
    @Args('value', { type: () => GraphQLJSON }) value: unknown,
    @CurrentAdmin() admin: AdminPrincipal,
  ) {
    return this.settings.update(key, value, admin.id);
  }
}
