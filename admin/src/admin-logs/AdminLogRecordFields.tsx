import { Typography } from '@mui/material';
import type { MouseEvent } from 'react';
import { Link, useRecordContext, useResourceDefinitions, useTranslate } from 'react-admin';
import type { AdminLog } from '../types';
import { adminLogActionWords, adminLogTargetPath } from './adminLogActions';

/** The action in words (its raw name on hover; a name without words shows as it is). */
export const AdminLogActionField = ({ showName = false }: { showName?: boolean }) => {
  const log = useRecordContext<AdminLog>();
  const translate = useTranslate();
  if (!log) return null;
  const words = adminLogActionWords(translate, log.action);
  return (
    <Typography component="span" variant="body2" title={log.action}>
      {words}
      {showName && words !== log.action && (
        <Typography component="span" variant="body2" color="text.secondary">
          {` (${log.action})`}
        </Typography>
      )}
    </Typography>
  );
};

/** What the action was done to, as "User #5" and linked to its page where it has one. */
export const AdminLogTargetField = () => {
  const log = useRecordContext<AdminLog>();
  const translate = useTranslate();
  const resources = useResourceDefinitions();
  if (!log?.targetType) return <Typography component="span" variant="body2">—</Typography>;
  const type = translate(`resources.${log.targetType}.name`, { smart_count: 1, _: log.targetType });
  const id = log.targetId ? (/^\d+$/.test(log.targetId) ? ` #${log.targetId}` : ` ${log.targetId}`) : '';
  const path = adminLogTargetPath(log.targetType, log.targetId, resources);
  if (!path) return <Typography component="span" variant="body2">{`${type}${id}`}</Typography>;
  return (
    // the row opens the log entry; the link opens the target instead
    <Link to={path} onClick={(event: MouseEvent) => event.stopPropagation()}>
      {`${type}${id}`}
    </Link>
  );
};

/** The entry page's title: "Admin log #3 · Released matured commissions". */
export const AdminLogTitle = () => {
  const log = useRecordContext<AdminLog>();
  const translate = useTranslate();
  if (!log) return null;
  return (
    <span>
      {translate('app.admin_log.title', { id: log.id, action: adminLogActionWords(translate, log.action) })}
    </span>
  );
};
