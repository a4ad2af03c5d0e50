import { AutocompleteInput, ReferenceInput } from 'react-admin';

/** Picks a user by search (username, name, referral code or Telegram ID), for an id filter. */
export const UserReferenceInput = ({ source, label }: { source: string; label?: string; alwaysOn?: boolean }) => (
  <ReferenceInput source={source} reference="User">
    <AutocompleteInput label={label} filterToQuery={(q) => ({ q })} />
  </ReferenceInput>
);
