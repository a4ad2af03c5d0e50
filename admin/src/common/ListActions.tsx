import type { ReactNode } from 'react';
import { CreateButton, FilterButton, TopToolbar, useResourceDefinition } from 'react-admin';
import { ExportAllButton } from './ExportAllButton';

/** A list's toolbar: add-filter, create (where the resource has a form), any extra, export. */
export const ListActions = ({ children }: { children?: ReactNode }) => {
  const { hasCreate } = useResourceDefinition();
  return (
    <TopToolbar>
      <FilterButton />
      {hasCreate && <CreateButton />}
      {children}
      <ExportAllButton />
    </TopToolbar>
  );
};
