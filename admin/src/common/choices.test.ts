import { GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BACKEND_SCHEMA_PATH, loadSchema } from '../../test/graphqlServer';
import { i18nProvider } from '../i18n/i18nProvider';
import { PAYOUT_EVENT_OUTCOMES } from '../payout-events/payoutEventFields';
import {
  BALANCE_BUCKET_WORDS,
  BALANCE_BUCKETS,
  FRAUD_FLAG_TYPE_WORDS,
  FRAUD_FLAG_TYPES,
  LEDGER_TYPE_WORDS,
  WALLET_TRANSACTION_TYPES,
  wordedChoices,
} from './choices';

const schema = loadSchema(BACKEND_SCHEMA_PATH);

/** An enum's values as the backend's schema (backend/schema.gql) declares them. */
function schemaEnum(name: string): string[] {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum of the schema`);
  return type.getValues().map((value) => value.name);
}

describe('enums shown in words', () => {
  it.each([
    ['FraudFlagType', FRAUD_FLAG_TYPES, FRAUD_FLAG_TYPE_WORDS],
    ['WalletTransactionType', WALLET_TRANSACTION_TYPES, LEDGER_TYPE_WORDS],
    ['BalanceBucket', BALANCE_BUCKETS, BALANCE_BUCKET_WORDS],
    // outcomes are status chips: their words are the status words
    ['PayoutEventOutcome', PAYOUT_EVENT_OUTCOMES, 'app.status'],
  ])('%s: the panel knows every value of the schema, each in words', (name, values, prefix) => {
    expect([...values].sort()).toEqual(schemaEnum(name).sort());
    const unworded = values.filter((value) => i18nProvider.translate(`${prefix}.${value}`) === `${prefix}.${value}`);
    expect(unworded).toEqual([]);
  });

  it('label choices with their words', () => {
    const [manual] = wordedChoices(['MANUAL'], FRAUD_FLAG_TYPE_WORDS);
    expect(manual).toEqual({ id: 'MANUAL', name: 'app.fraud.types.MANUAL' });
    expect(i18nProvider.translate(manual.name)).toBe('Raised by hand');
    expect(i18nProvider.translate(`${LEDGER_TYPE_WORDS}.WITHDRAWAL_LOCK`)).toBe('Withdrawal requested');
  });
});
