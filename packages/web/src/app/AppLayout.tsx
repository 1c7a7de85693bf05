/**
 * The frame around every page: the menu (what the role may use), the signed-in person and
 * the logout button. The public pages get the same frame with only 公开 and 登录.
 */
import {
  AuditOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FlagOutlined,
  GlobalOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { t } from '../i18n/index.ts';
import { useSession } from './session.tsx';

const { Header, Sider, Content } = Layout;

export function AppLayout({ children, publicView = false }: { children: ReactNode; publicView?: boolean }) {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const user = session.user ?? null;

  const items = [
    ...(user
      ? [
          { key: '/', icon: <DashboardOutlined />, label: <Link to="/">{t('nav.workbench')}</Link> },
          {
            key: '/evaluations',
            icon: <FileTextOutlined />,
            label: <Link to="/evaluations">{t('nav.evaluations')}</Link>,
          },
          { key: '/targets', icon: <FlagOutlined />, label: <Link to="/targets">{t('nav.targets')}</Link> },
          ...(user.role !== 'admin'
            ? [
                {
                  key: '/import',
                  icon: <CloudUploadOutlined />,
                  label: <Link to="/import">{t('nav.import')}</Link>,
                },
              ]
            : []),
          { key: '/stats', icon: <BarChartOutlined />, label: <Link to="/stats">{t('nav.stats')}</Link> },
        ]
      : []),
    { key: '/public', icon: <GlobalOutlined />, label: <Link to="/public">{t('nav.public')}</Link> },
    ...(user?.role === 'admin'
      ? [{ key: '/admin', icon: <TeamOutlined />, label: <Link to="/admin">{t('nav.units')}</Link> }]
      : []),
  ];
  const selected =
    items
      .map((i) => i.key)
      .filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)))
      .sort((a, b) => b.length - a.length)[0] ?? '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        width={184}
        breakpoint="lg"
        collapsedWidth={64}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div
          style={{
            padding: '16px 16px 8px',
            fontWeight: 600,
            fontSize: 16,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          <AuditOutlined style={{ color: '#b4232a', marginRight: 8 }} />
          {t('app.name')}
        </div>
        <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 0 }} />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {user ? (
            <Space>
              <UserOutlined />
              <Typography.Text data-testid="current-user">
                {user.displayName ?? user.username}（{t(`role.${user.role}`)}
                {session.unit ? ` · ${session.unit.name}` : ''}）
              </Typography.Text>
              <Button
                icon={<LogoutOutlined />}
                onClick={async () => {
                  await session.logout();
                  navigate('/login');
                }}
              >
                {t('nav.logout')}
              </Button>
            </Space>
          ) : publicView ? (
            <Link to="/login">{t('login.title')}</Link>
          ) : null}
        </Header>
        <Content style={{ padding: 24, minWidth: 0 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}
