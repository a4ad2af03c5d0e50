import { Global, Module } from '@nestjs/common';
import { SettingsResolver } from './settings.resolver.js';
import { SettingsService } from './settings.service.js';

@Global()
@Module({
  providers: [SettingsService, SettingsResolver],
  exports: [SettingsService],
})
export class SettingsModule {}
