/**
 * 工作台: what waits for the signed-in person. A unit's filler and approver see the forms sent
 * back (with the comments saying what to fix), their drafts and target declarations to fill,
 * and the approver the forms submitted for approval; the finance reviewer the forms to review,
 * targets to approve, forms to publish and adjustments to decide; the administrator counts and
 * the latest audit events. Each list is one filtered request to GET /api/evaluations.
 *
 * Every role also sees the year's deadlines the finance bureau set (DeadlinesCard), with the
 * unit's forms not yet submitted when a deadline is near or past.
 */
import { Alert, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import type {
  AuditEvent,
  Comment,
  EvaluationSummary,
  Page,
  Role,
  Unit,
  User,
  UserAccount,
} from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { AuditTable } from '../../components/AuditTable.tsx';
import { t } from '../../i18n/index.ts';
import { DeadlinesCard } from './DeadlinesCard.tsx';
import { type Task, TaskList } from './TaskList.tsx';

const SHOWN = 8;

type Query = Record<string, string | number | boolean>;

interface TaskSpec {
  key: string;
  query: Query;
  allHref: string;
  help?: string;
  /** leave out the forms another list shows (returned drafts are not also "drafts to fill") */
  exclude?: string;
}

/** The work lists of a role, in the order they should be done. */
function specsFor(role: Role): TaskSpec[] {
  const unitWork: TaskSpec[] = [
    {
      key: 'returned',
      query: { returned: true },
      allHref: '/evaluations?status=draft',
      help: t('workbench.section.returned.help'),
    },
    {
      key: 'drafts',
      query: { stage: 'self-evaluation', status: 'draft' },
      allHref: '/evaluations?status=draft',
      exclude: 'returned',
    },
    {
      key: 'targetDrafts',
      query: { stage: 'targets', status: 'draft' },
      allHref: '/targets?status=draft',
      exclude: 'returned',
    },
  ];
  switch (role) {
    case 'filler':
      return unitWork;
    case 'approver':
      return [
        {
          key: 'submitted',
          query: { stage: 'self-evaluation', status: 'submitted' },
          allHref: '/evaluations?status=submitted',
        },
        ...unitWork,
      ];
    case 'reviewer':
      return [
        {
          key: 'approved',
          query: { stage: 'self-evaluation', status: 'approved' },
          allHref: '/evaluations?status=approved',
        },
        {
          key: 'declared',
          query: { stage: 'targets', status: 'declared' },
          allHref: '/targets?status=declared',
        },
        {
          key: 'accepted',
          query: { stage: 'self-evaluation', status: 'accepted' },
          allHref: '/evaluations?status=accepted',
        },
        {
          key: 'adjustments',
          query: { stage: 'targets', pendingAdjustment: true },
          allHref: '/targets?status=approved',
        },
      ];
    default:
      return [];
  }
}

async function loadTasks(specs: TaskSpec[]): Promise<Task[]> {
  const pages = await Promise.all(
    specs.map((s) =>
      api.get<Page<EvaluationSummary>>('/api/evaluations', { ...s.query, page: 1, pageSize: SHOWN * 2 }),
    ),
  );
  const byKey = new Map(specs.map((s, i) => [s.key, pages[i] as Page<EvaluationSummary>]));
  const tasks: Task[] = specs.map((s) => {
    const page = byKey.get(s.key) as Page<EvaluationSummary>;
    const excluded = new Set((s.exclude ? byKey.get(s.exclude)?.items : [])?.map((e) => e.id));
    const items = page.items.filter((e) => !excluded.has(e.id));
    return {
      key: s.key,
      title: t(`workbench.section.${s.key}`),
      ...(s.help ? { help: s.help } : {}),
      items: items.slice(0, SHOWN),
      total: page.total - (page.items.length - items.length),
      allHref: s.allHref,
    };
  });
  // The comments a returned form came back with, for the few shown.
  const returned = tasks.find((x) => x.key === 'returned');
  if (returned && returned.items.length > 0) {
    const lists = await Promise.all(
      returned.items.map((e) =>
        api
          .get<{ items: Comment[] }>(`/api/evaluations/${encodeURIComponent(e.id)}/comments`)
          .then((r) => r.items)
          .catch(() => []),
      ),
    );
    returned.comments = Object.fromEntries(returned.items.map((e, i) => [e.id, lists[i] ?? []]));
  }
  return tasks;
}

interface AdminOverview {
  departments: number;
  units: number;
  users: number;
  forms: number;
  events: AuditEvent[];
}

async function loadAdmin(): Promise<AdminOverview> {
  const [units, users, forms, audit] = await Promise.all([
    api.get<{ items: Unit[] }>('/api/units'),
    api.get<{ items: UserAccount[] }>('/api/users'),
    api.get<Page<EvaluationSummary>>('/api/evaluations', { page: 1, pageSize: 1 }),
    api.get<{ items: AuditEvent[] }>('/api/audit', { order: 'desc', page: 1, pageSize: 10 }),
  ]);
  return {
    departments: units.items.filter((u) => u.kind === 'department').length,
    units: units.items.filter((u) => u.kind === 'unit').length,
    users: users.items.length,
    forms: forms.total,
    events: audit.items,
  };
}

function AdminWorkbench({ overview }: { overview: AdminOverview }) {
  const counts: [string, number, string][] = [
    ['departments', overview.departments, '/admin'],
    ['units', overview.units, '/admin'],
    ['users', overview.users, '/admin?tab=users'],
    ['forms', overview.forms, '/evaluations'],
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16}>
        {counts.map(([key, value, href]) => (
          <Col span={6} key={key}>
            <Card size="small" data-testid={`count-${key}`}>
              <Link to={href}>
                <Statistic title={t(`workbench.count.${key}`)} value={value} />
              </Link>
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={t('workbench.section.audit')}
        extra={<Link to="/admin?tab=audit">{t('workbench.audit.more')}</Link>}
        data-testid="task-audit"
      >
        <AuditTable events={overview.events} compact />
      </Card>
    </Space>
  );
}

export default function WorkbenchPage() {
  const session = useSession();
  const user: User | null = session.user ?? null;
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [overview, setOverview] = useState<AdminOverview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    let live = true;
    const load =
      user.role === 'admin'
        ? loadAdmin().then((o) => live && setOverview(o))
        : loadTasks(specsFor(user.role)).then((x) => live && setTasks(x));
    load.catch((e) => live && setError(isApiError(e) || e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [user]);

  if (!user) return null;
  const name = user.displayName ?? user.username;
  const waiting = tasks?.reduce((n, x) => n + x.total, 0) ?? 0;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="workbench">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('workbench.greeting', { name })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t(`role.${user.role}`)}
          {session.unit ? ` · ${session.unit.name}` : ''}
        </Typography.Text>
      </div>
      {error && <Alert type="error" showIcon message={t('workbench.loadFailed', { message: error })} />}
      <DeadlinesCard user={user} />
      {user.role === 'admin' ? (
        overview && <AdminWorkbench overview={overview} />
      ) : tasks === null ? (
        !error && <Card loading />
      ) : (
        <>
          {waiting === 0 && <Alert type="success" showIcon message={t('workbench.nothing')} />}
          <Row gutter={[16, 16]}>
            {tasks
              // Nothing sent back is good news, not a list to look at.
              .filter((task) => task.key !== 'returned' || task.total > 0)
              .map((task) => (
                <Col key={task.key} xs={24} xl={task.key === 'returned' ? 24 : 12}>
                  <TaskList task={task} user={user} />
                </Col>
              ))}
          </Row>
        </>
      )}
    </Space>
  );
}
