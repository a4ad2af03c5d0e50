export type ChipColor = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

// One colour per status word across resources: waiting is amber, done is green, refused is red.
const STATUS_COLORS: Record<string, ChipColor> = {
  // orders
  PENDING: 'warning',
  PAID: 'success',
  FAILED: 'error',
  REFUNDED: 'default',
  // commissions
  AVAILABLE: 'success',
  REVERSED: 'default',
  // withdrawals
  APPROVED: 'info',
  PROCESSING: 'secondary',
  REJECTED: 'error',
  // users
  ACTIVE: 'success',
  SUSPICIOUS: 'warning',
  BLOCKED: 'error',
  // fraud flags
  OPEN: 'warning',
  RESOLVED: 'success',
  DISMISSED: 'default',
  // payment events' outcomes
  PROCESSED: 'success',
  DUPLICATE: 'default',
  UNMATCHED: 'warning',
  AMOUNT_MISMATCH: 'error',
  IGNORED: 'default',
  // fraud severity
  LOW: 'default',
  MEDIUM: 'warning',
  HIGH: 'error',
};

export function statusColor(status: unknown): ChipColor {
  return (typeof status === 'string' && STATUS_COLORS[status]) || 'default';
}
