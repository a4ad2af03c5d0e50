import { basename } from 'node:path';
import type { ServerResponse } from 'node:http';

/** Vite names every built asset after its content hash (`index-B5c1Hq9x.js`): it never changes. */
const HASHED_ASSET = /[-.][A-Za-z0-9_-]{8,}\.(?:js|css|woff2?|ttf|svg|png|jpe?g|gif|webp|ico|map)$/;

/**
 * Cache headers of the static admin panel and playground: a hashed asset is cached for a year
 * and never revalidated; index.html and anything unhashed (favicon) are revalidated on each
 * load, so a deployment shows at the next page load.
 */
export function setStaticAssetHeaders(response: ServerResponse, path: string): void {
  const hashed = path.includes('/assets/') && HASHED_ASSET.test(basename(path));
  response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
}
