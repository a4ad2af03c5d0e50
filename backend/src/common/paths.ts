import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or image) root: backend/dist/common → ../../.. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const ADMIN_DIST_DIR = resolve(PROJECT_ROOT, 'admin', 'dist');
export const PLAYGROUND_DIST_DIR = resolve(PROJECT_ROOT, 'admin', 'dist-playground');
export const SCHEMA_FILE = resolve(PROJECT_ROOT, 'backend', 'schema.gql');
