/**
 * 单位与用户 (administrators only): the units under their supervising departments, the accounts
 * with their roles, and the whole audit trail. The tab is kept in the URL (?tab=users).
 */
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { t } from '../../i18n/index.ts';
import { AuditTab } from './AuditTab.tsx';
import { UnitsTab } from './UnitsTab.tsx';
import { UsersTab } from './UsersTab.tsx';

const TABS = ['units', 'users', 'audit'] as const;
type Tab = (typeof TABS)[number];

export default function AdminPage() {
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: Tab = TABS.includes(asked as Tab) ? (asked as Tab) : 'units';
  return (
    <Card title={t('admin.title')} data-testid="admin">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'units' ? {} : { tab: key })}
        destroyOnHidden
        items={[
          { key: 'units', label: t('admin.tab.units'), children: <UnitsTab /> },
          { key: 'users', label: t('admin.tab.users'), children: <UsersTab /> },
          { key: 'audit', label: t('admin.tab.audit'), children: <AuditTab /> },
        ]}
      />
    </Card>
  );
}
