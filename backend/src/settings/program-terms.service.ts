import { Inject, Injectable } from '@nestjs/common';
import type { ProgramTerms } from './program-terms.model.js';
import { SettingsRepository } from './settings.repository.js';

@Injectable()
export class ProgramTermsService {
  constructor(@Inject(SettingsRepository) private readonly settings: SettingsRepository) {}

  /** The programme as one sale at today's settings (one statement). */
  current(): Promise<ProgramTerms> {
    return this.settings.programTerms();
  }
}
