import type { SxProps, Theme } from '@mui/material';

/**
 * The reporting pages' root. Zero width, stretched to the content area: a wide table or the
 * range buttons then scroll inside their card on a phone, instead of their min-content width
 * widening react-admin's layout past the screen.
 */
export const REPORTING_PAGE_SX: SxProps<Theme> = { mt: 2, mb: 2, width: 0, minWidth: '100%' };
