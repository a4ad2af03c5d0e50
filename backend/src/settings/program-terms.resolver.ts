import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { BotOrAdmin } from '../common/auth/access.decorator.js';
import { ProgramTerms } from './program-terms.model.js';
import { ProgramTermsService } from './program-terms.service.js';

@Resolver(() => ProgramTerms)
@BotOrAdmin()
export class ProgramTermsResolver {
  constructor(@Inject(ProgramTermsService) private readonly terms: ProgramTermsService) {}

  @Query(() => ProgramTerms, { description: 'What the bot tells users, from the settings: price, what one sale earns at each level, hold, minimum withdrawal, switches' })
  programTerms() {
    return this.terms.current();
  }
}
