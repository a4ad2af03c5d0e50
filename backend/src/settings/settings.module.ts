import { Global, Module } from '@nestjs/common';
import { ProgramTermsResolver } from './program-terms.resolver.js';
import { ProgramTermsService } from './program-terms.service.js';
import { SettingsRepository } from './settings.repository.js';
import { SettingsResolver } from './settings.resolver.js';
import { SettingsService } from './settings.service.js';

@Global()
@Module({
  providers: [SettingsRepository, SettingsService, SettingsResolver, ProgramTermsService, ProgramTermsResolver],
  exports: [SettingsService],
})
export class SettingsModule {}
