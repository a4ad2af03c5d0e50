import { Module } from '@nestjs/common';
import { MiniAppController } from './miniapp.controller.js';
import { MiniAppRepository } from './miniapp.repository.js';
import { MiniAppService } from './miniapp.service.js';

/** The verification Mini App: its page and POST /miniapp/verify. */
@Module({ controllers: [MiniAppController], providers: [MiniAppRepository, MiniAppService] })
export class MiniAppModule {}
