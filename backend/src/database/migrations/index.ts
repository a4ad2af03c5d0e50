import { InitialSchema1732406400000 } from './1732406400000-InitialSchema.js';
import { LedgerTransfers1732492800000 } from './1732492800000-LedgerTransfers.js';
import { FraudUpiIndexes1732579200000 } from './1732579200000-FraudUpiIndexes.js';
import { AdminLogsNoTruncate1732665600000 } from './1732665600000-AdminLogsNoTruncate.js';
import { ReferredByPageIndex1732755600000 } from './1732755600000-ReferredByPageIndex.js';
import { LedgerReferenceTriggers1732842000000 } from './1732842000000-LedgerReferenceTriggers.js';
import { LedgerCommissionIndexDropped1732928400000 } from './1732928400000-LedgerCommissionIndexDropped.js';
import { WalletAvailableOnlyByClawback1733000000000 } from './1733000000000-WalletAvailableOnlyByClawback.js';
import { Reporting1733100000000 } from './1733100000000-Reporting.js';
import { JobLeasesAndReleaseKeyset1733200000000 } from './1733200000000-JobLeasesAndReleaseKeyset.js';
import { GatewayPayments1733300000000 } from './1733300000000-GatewayPayments.js';
import { UserDeviceVerification1733500000000 } from './1733500000000-UserDeviceVerification.js';
import { Payouts1733600000000 } from './1733600000000-Payouts.js';
import { OrderTermsAndCommissionAmount1733700000000 } from './1733700000000-OrderTermsAndCommissionAmount.js';
import { ReportingDaily1733720000000 } from './1733720000000-ReportingDaily.js';
import { CurrentSettings1733760000000 } from './1733760000000-CurrentSettings.js';
import { WithdrawalDurations1733780000000 } from './1733780000000-WithdrawalDurations.js';
import { ReferrerLastInStats1733800000000 } from './1733800000000-ReferrerLastInStats.js';
import { ReportNextDay1733820000000 } from './1733820000000-ReportNextDay.js';
import { PaymentsFoldedBehindHorizon1733840000000 } from './1733840000000-PaymentsFoldedBehindHorizon.js';
import { PaymentDurations1733860000000 } from './1733860000000-PaymentDurations.js';
import { ListSortIndexes1733880000000 } from './1733880000000-ListSortIndexes.js';
import { PayoutEventsCreatedAt1733900000000 } from './1733900000000-PayoutEventsCreatedAt.js';

/** Every migration, oldest first. A landed migration is never edited; add a new one. */
export const MIGRATIONS = [
  InitialSchema1732406400000,
  LedgerTransfers1732492800000,
  FraudUpiIndexes1732579200000,
  AdminLogsNoTruncate1732665600000,
  ReferredByPageIndex1732755600000,
  LedgerReferenceTriggers1732842000000,
  LedgerCommissionIndexDropped1732928400000,
  WalletAvailableOnlyByClawback1733000000000,
  Reporting1733100000000,
  JobLeasesAndReleaseKeyset1733200000000,
  GatewayPayments1733300000000,
  UserDeviceVerification1733500000000,
  Payouts1733600000000,
  OrderTermsAndCommissionAmount1733700000000,
  ReportingDaily1733720000000,
  CurrentSettings1733760000000,
  WithdrawalDurations1733780000000,
  ReferrerLastInStats1733800000000,
  ReportNextDay1733820000000,
  PaymentsFoldedBehindHorizon1733840000000,
  PaymentDurations1733860000000,
  ListSortIndexes1733880000000,
  PayoutEventsCreatedAt1733900000000,
];
