import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';

/**
 * The admin panel's Content-Security-Policy: everything from this server, nothing inline but
 * styles (MUI's emotion injects <style> tags), no plugins, and no framing anywhere.
 */
export const ADMIN_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every response (helmet): `X-Content-Type-Options: nosniff`, no framing
 * (`X-Frame-Options: DENY` and CSP `frame-ancestors 'none'`, against clickjacking of the panel
 * and the playground), `Referrer-Policy: no-referrer`, and a full CSP on the admin panel. The
 * playground keeps only `frame-ancestors` (GraphiQL's editor needs what a strict policy forbids).
 */
export function useSecurityHeaders(app: INestApplication): void {
  app.use(
    helmet({
      // Only frame-ancestors here: a default-src would constrain the playground's page.
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc, frameAncestors: ["'none'"] },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('/admin', helmet.contentSecurityPolicy({ useDefaults: false, directives: ADMIN_CSP_DIRECTIVES }));
}
