import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard, JwtAuthenticator } from '../common/auth/access.guard.js';
import { JWT_ALGORITHM, JwtStrategy, jwtKey } from '../common/auth/jwt.strategy.js';
import { AppConfig } from '../config/app-config.js';
import { UsersModule } from '../users/users.module.js';
import { AdminsRepository } from './admins.repository.js';
import { AdminsResolver } from './admins.resolver.js';
import { AdminsService } from './admins.service.js';
import { LoginThrottleService } from './login-throttle.service.js';

@Module({
  imports: [
    PassportModule,
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: jwtKey(config.JWT_SECRET) as unknown as Buffer, // see jwtKey
        signOptions: { algorithm: JWT_ALGORITHM, expiresIn: /^\d+$/.test(config.JWT_EXPIRES_IN) ? Number(config.JWT_EXPIRES_IN) : (config.JWT_EXPIRES_IN as `${number}h`) },
        verifyOptions: { algorithms: [JWT_ALGORITHM] },
      }),
    }),
  ],
  providers: [AdminsRepository, AdminsService, AdminsResolver, LoginThrottleService, JwtStrategy, JwtAuthenticator, AccessGuard],
  exports: [AccessGuard],
})
export class AdminsModule {}
