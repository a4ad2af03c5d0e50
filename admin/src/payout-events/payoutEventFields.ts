// The list skips the raw body (kilobytes per row); the show page reads it.
export const PAYOUT_EVENT_LIST_FIELDS = ['id', 'createdAt', 'type', 'outcome', 'note', 'providerPayoutId', 'withdrawalId'];

export const PAYOUT_EVENT_SHOW_FIELDS = [...PAYOUT_EVENT_LIST_FIELDS, 'eventKey', 'body'];

export const PAYOUT_EVENT_OUTCOMES = ['PROCESSED', 'IGNORED', 'UNMATCHED'] as const;

// A note names a payout id and two amounts: its column wraps it rather than widening the table.
export const NOTE_COLUMN = { minWidth: 240, whiteSpace: 'normal', overflowWrap: 'anywhere' } as const;
