import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/access.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { checkInitData } from './init-data.js';
import { MINIAPP_HTML, MINIAPP_SCRIPT } from './miniapp-page.js';
import { DEVICE_ID_PATTERN, MiniAppService, normaliseIp } from './miniapp.service.js';

/**
 * The verification Mini App (not GraphQL): GET /miniapp/ is the page, POST /miniapp/verify
 * takes { initData, deviceId } and answers 200 { verified: true } or 401 when initData is
 * missing, tampered or stale. 404 while TELEGRAM_BOT_TOKEN is unset (nothing to check with).
 */
@Controller('miniapp')
@Public()
export class MiniAppController {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(MiniAppService) private readonly miniApp: MiniAppService,
  ) {}

  @Get()
  page(@Req() request: Request, @Res() response: Response): void {
    // the page loads ./app.js and posts to ./verify: it must be addressed with its trailing slash
    if (!request.path.endsWith('/')) {
      const query = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
      response.redirect(HttpStatus.MOVED_PERMANENTLY, `miniapp/${query}`);
      return;
    }
    response.type('html').set('cache-control', 'no-cache').send(MINIAPP_HTML);
  }

  @Get('app.js')
  script(@Res() response: Response): void {
    response.type('application/javascript').set('cache-control', 'no-cache').send(MINIAPP_SCRIPT);
  }

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  async verify(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const token = this.config.TELEGRAM_BOT_TOKEN;
    if (!token) {
      response.status(HttpStatus.NOT_FOUND);
      return { verified: false, error: 'The Mini App is not configured (TELEGRAM_BOT_TOKEN is unset)' };
    }
    const { initData, deviceId } = (body && typeof body === 'object' ? body : {}) as { initData?: unknown; deviceId?: unknown };
    const check = checkInitData(initData, token);
    if (!check.ok) {
      response.status(HttpStatus.UNAUTHORIZED);
      return { verified: false, error: `initData refused: ${check.reason}` };
    }
    if (typeof deviceId !== 'string' || !DEVICE_ID_PATTERN.test(deviceId)) {
      response.status(HttpStatus.BAD_REQUEST);
      return { verified: false, error: 'deviceId must be 8 to 128 letters, digits or . _ : -' };
    }
    if (!(await this.miniApp.recordDevice(check.telegramId, deviceId, normaliseIp(request.ip)))) {
      response.status(HttpStatus.NOT_FOUND);
      return { verified: false, error: 'Unknown user: send /start to the bot first' };
    }
    return { verified: true };
  }
}
