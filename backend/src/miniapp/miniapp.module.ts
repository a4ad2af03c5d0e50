import { Module } from '@nestjs/common';
import { MiniAppController } from './miniapp.controller.js';
import { MiniAppService } from './miniapp.service.js';

/** The verification Mini App: its page and POST /miniapp/verify. */
@Module({ controllers: [MiniAppController], providers: [MiniAppService] })
export class MiniAppModule {}
