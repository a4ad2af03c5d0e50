import type { ReactNode } from 'react';
import { Grid } from '@mui/material';
import {
  BooleanField,
  DataTable,
  DateField,
  FunctionField,
  NumberField,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  UrlField,
  useShowContext,
} from 'react-admin';
import { FRAUD_FLAG_TYPE_WORDS, LEDGER_TYPE_WORDS } from '../common/choices';
import { BucketMoveCol, DateCol, MoneyCol, StatusCol, WordsCol } from '../common/columns';
import { formatPercent, fullName } from '../common/format';
import { MoneyField } from '../common/MoneyField';
import { StatusChip } from '../common/StatusChip';
import { CommissionHoldField } from '../commissions/CommissionHoldField';
import { ReferralTreeView } from './ReferralTreeView';
import type { Commission, FraudFlag, Order, User, WalletTransaction, Withdrawal } from '../types';
import { WalletCard } from '../wallet-transactions/WalletCard';
import { USER_TYPE_CHOICES } from './userChoices';
import {
  BlockUserButton,
  FlagUserButton,
  FraudExemptionButton,
  RunFraudChecksButton,
} from './UserModerationButtons';

const UserShowActions = () => (
  <TopToolbar>
    <RunFraudChecksButton />
    <FlagUserButton />
    <FraudExemptionButton />
    <BlockUserButton />
  </TopToolbar>
);

// Related lists load only when their tab is opened, ten rows a page.
const RELATED_PER_PAGE = 10;
const NEWEST_FIRST = { field: 'createdAt', order: 'DESC' } as const;

/** One of the user's related lists (orders, commissions, ...): a page of 10, newest first. */
/** On the user's page, the commissions are theirs: their status says whether one is held. */
const BeneficiaryCommissionHoldField = () => {
  const { record: user } = useShowContext<User>();
  return <CommissionHoldField beneficiaryStatus={user?.status} />;
};

const RelatedList = ({
  reference,
  target,
  sort = NEWEST_FIRST,
  label = false,
  children,
}: {
  reference: string;
  target: string;
  label?: string | false;
  sort?: { field: string; order: 'ASC' | 'DESC' };
  children: ReactNode;
}) => (
  <ReferenceManyField
    reference={reference}
    target={target}
    label={label}
    sort={sort}
    perPage={RELATED_PER_PAGE}
    pagination={<Pagination />}
  >
    {children}
  </ReferenceManyField>
);

export const UserShow = () => (
  <Show actions={<UserShowActions />}>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="app.users.tabs.profile">
        <Grid container spacing={2} sx={{ width: '100%' }}>
          <Grid size={{ xs: 12, md: 6 }}>
            <SimpleShowLayout sx={{ p: 0 }}>
              <TextField source="telegramId" />
              <TextField source="username" emptyText="—" />
              <FunctionField<User> label="resources.User.fields.name" render={(user) => fullName(user) || '—'} />
              <StatusChip source="status" />
              <SelectField source="type" choices={USER_TYPE_CHOICES} />
              <DateField source="blockedAt" showTime emptyText="—" />
              <TextField source="blockedReason" emptyText="—" />
              <BooleanField source="fraudExempt" />
              <DateField source="createdAt" showTime />
            </SimpleShowLayout>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SimpleShowLayout sx={{ p: 0 }}>
              <TextField source="referralCode" />
              <UrlField source="referralLink" emptyText="—" target="_blank" rel="noreferrer" />
              <ReferenceField source="referredById" reference="User" link="show" emptyText="—" />
              <TextField source="referralCodeUsed" emptyText="—" />
              <TextField source="attributionNote" emptyText="—" />
              <TextField source="deviceId" emptyText="—" />
              <TextField source="ipAddress" emptyText="—" />
              <TextField source="id" />
            </SimpleShowLayout>
          </Grid>
        </Grid>
        <WalletCard />
      </TabbedShowLayout.Tab>

      <TabbedShowLayout.Tab label="app.users.tabs.referrals" path="referrals">
        <ReferralTreeView />
        <NumberField source="stats.directReferrals" />
        <NumberField source="stats.level2Referrals" />
        <NumberField source="stats.clicks" />
        <NumberField source="stats.convertedReferrals" />
        <FunctionField<User>
          source="stats.conversionRate"
          render={(user) => formatPercent(user.stats?.conversionRate, { fixed: true })}
        />
        <MoneyField source="stats.level1Earned" />
        <MoneyField source="stats.level2Earned" />
        <MoneyField source="stats.totalEarned" />
        <RelatedList reference="User" target="referredById" label="app.users.direct_referrals">
          <DataTable<User> rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="telegramId" />
            <DataTable.Col source="username" />
            <DataTable.Col source="firstName" label="resources.User.fields.name" render={fullName} />
            <StatusCol source="status" />
            <DateCol source="createdAt" />
          </DataTable>
        </RelatedList>
      </TabbedShowLayout.Tab>

      <TabbedShowLayout.Tab label="app.users.tabs.orders" path="orders">
        <RelatedList reference="Order" target="userId">
          <DataTable<Order> rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="id" />
            <DateCol source="createdAt" />
            <MoneyCol source="amount" />
            <StatusCol source="status" />
            <DataTable.Col source="transactionId" disableSort />
            <DateCol source="paidAt" />
          </DataTable>
        </RelatedList>
      </TabbedShowLayout.Tab>

      <TabbedShowLayout.Tab label="app.users.tabs.commissions" path="commissions">
        <RelatedList reference="Commission" target="beneficiaryId">
          <DataTable<Commission> rowClick={false} bulkActionButtons={false}>
            <DateCol source="createdAt" />
            <DataTable.Col source="orderId" label="resources.Commission.fields.order" disableSort>
              <ReferenceField source="orderId" reference="Order" link="show" />
            </DataTable.Col>
            <DataTable.Col source="level" />
            <MoneyCol source="amount" />
            <StatusCol source="status" />
            <DateCol source="releaseAt" />
            <DataTable.Col label="resources.Commission.fields.held" disableSort>
              <BeneficiaryCommissionHoldField />
            </DataTable.Col>
          </DataTable>
        </RelatedList>
      </TabbedShowLayout.Tab>

      <TabbedShowLayout.Tab label="app.users.tabs.withdrawals" path="withdrawals">
        <RelatedList reference="Withdrawal" target="userId">
          <DataTable<Withdrawal> rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="id" />
            <DateCol source="createdAt" />
            <MoneyCol source="amount" />
            <DataTable.Col source="upiId" disableSort />
            <StatusCol source="status" />
          </DataTable>
        </RelatedList>
      </TabbedShowLayout.Tab>

      <TabbedShowLayout.Tab label="app.users.tabs.ledger" path="ledger">
        <RelatedList reference="WalletTransaction" target="userId" sort={{ field: 'id', order: 'DESC' }}>
          <DataTable<WalletTransaction> rowClick={false} bulkActionButtons={false}>
            <DateCol source="createdAt" />
            <WordsCol source="type" prefix={LEDGER_TYPE_WORDS} />
            <MoneyCol source="amount" />
            <MoneyCol source="walletChange" signed disableSort />
            <MoneyCol source="balanceAfter" disableSort />
            <BucketMoveCol />
            <DataTable.Col source="actor" disableSort />
          </DataTable>
        </RelatedList>
      </TabbedShowLayout.Tab>

      <TabbedShowLayout.Tab label="app.users.tabs.fraud" path="fraud">
        <RelatedList reference="FraudFlag" target="userId">
          <DataTable<FraudFlag> rowClick="show" bulkActionButtons={false}>
            <DateCol source="createdAt" />
            <WordsCol source="type" prefix={FRAUD_FLAG_TYPE_WORDS} />
            <StatusCol source="severity" />
            <StatusCol source="status" />
            <DataTable.Col source="reason" disableSort />
            <DataTable.Col source="resolutionNote" disableSort />
          </DataTable>
        </RelatedList>
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
