import type { ReactNode } from 'react';
import { CreateButton, FilterButton, TopToolbar, useFilterContext, useResourceDefinition } from 'react-admin';
import { ExportAllButton } from './ExportAllButton';

/**
 * A list's toolbar: add-filter (where the list has filters: react-admin's button throws
 * without them), create (where the resource has a form), any extra, export.
 */
export const ListActions = ({ children }: { children?: ReactNode }) => {
  const { hasCreate } = useResourceDefinition();
  const filters = useFilterContext();
  return (
    <TopToolbar>
      {filters && <FilterButton />}
      {hasCreate && <CreateButton />}
      {children}
      <ExportAllButton />
    </TopToolbar>
  );
};
