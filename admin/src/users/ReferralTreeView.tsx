import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import { Box, Chip, Collapse, IconButton, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useCreatePath, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { personName } from '../common/format';
import type { AppDataProvider } from '../dataProvider';
import type { ReferralTreeNode, User } from '../types';

/**
 * One user in the tree; expanding a node whose referrals were not loaded (below the second
 * level) asks for that user's own two levels.
 */
const TreeNode = ({ node, loaded }: { node: ReferralTreeNode; loaded: boolean }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [open, setOpen] = useState(node.level === 0);
  const more = useQuery({
    queryKey: ['referralTree', node.user.telegramId],
    queryFn: () => dataProvider.referralTree(node.user.telegramId).then(({ data }) => data.children ?? []),
    enabled: open && !loaded && node.childrenCount > 0,
  });
  const children = loaded ? (node.children ?? []) : (more.data ?? []);
  return (
    <>
      <ListItem
        dense
        sx={{ pl: 1 + node.level * 3 }}
        data-tree-user={node.user.id}
        secondaryAction={
          node.childrenCount > 0 ? (
            <IconButton
              edge="end"
              aria-label={translate(open ? 'app.referrals.collapse' : 'app.referrals.expand')}
              onClick={() => setOpen(!open)}
            >
              {open ? <ExpandLess /> : <ExpandMore />}
            </IconButton>
          ) : undefined
        }
      >
        <ListItemText
          primary={
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
              <Link to={createPath({ resource: 'User', id: node.user.id, type: 'show' })}>{personName(node.user)}</Link>
              {node.converted && <Chip size="small" color="success" label={translate('app.referrals.bought')} />}
              {node.user.status !== 'ACTIVE' && (
                <Chip size="small" color="warning" label={translate(`app.status.${node.user.status}`)} />
              )}
            </Box>
          }
          secondary={translate('app.referrals.count', { smart_count: node.childrenCount })}
        />
      </ListItem>
      {node.childrenCount > 0 && (
        <Collapse in={open} unmountOnExit>
          <List disablePadding>
            {children.map((child) => (
              // Levels 1 and 2 came with this tree; deeper ones load when opened.
              <TreeNode key={child.user.id} node={{ ...child, level: node.level + 1 }} loaded={!!child.children && child.level < 2} />
            ))}
            {children.length < node.childrenCount && (loaded || more.data) && (
              <ListItem dense sx={{ pl: 4 + node.level * 3 }}>
                <Typography variant="caption" color="text.secondary">
                  {translate('app.referrals.more', { smart_count: node.childrenCount - children.length })}
                </Typography>
              </ListItem>
            )}
          </List>
        </Collapse>
      )}
    </>
  );
};

/** A referrer's tree, several levels deep, expandable (from `referralTree`). */
export const ReferralTreeView = () => {
  const user = useRecordContext<User>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const translate = useTranslate();
  const { data, isPending, error } = useQuery({
    queryKey: ['referralTree', user?.telegramId, 'root'],
    queryFn: () => dataProvider.referralTree(user!.telegramId).then(({ data: tree }) => tree),
    enabled: !!user,
  });
  if (!user || isPending) return null;
  if (error) return <Typography color="error">{(error as Error).message}</Typography>;
  return (
    <Box sx={{ maxWidth: 720 }}>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('app.referrals.tree')}
      </Typography>
      <List dense disablePadding>
        <TreeNode node={data} loaded />
      </List>
    </Box>
  );
};
