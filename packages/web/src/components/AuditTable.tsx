/**
 * Audit events (审计记录) as a table: when, who, what, on what, and the gist of what changed.
 * Used by the administrator's workbench (the latest few) and the audit tab (filtered, paged).
 */
import { Table, type TableColumnsType, type TablePaginationConfig, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { AuditEvent } from '../api/types.ts';
import { t } from '../i18n/index.ts';

/** The action in words; an action the catalogue does not know shows as itself. */
export function auditActionName(action: string): string {
  const text = t(`audit.${action}`);
  return text === `audit.${action}` ? action : text;
}

export function entityTypeName(type: string): string {
  const text = t(`admin.entity.${type}`);
  return text === `admin.entity.${type}` ? type : text;
}

const STATUS_WORDS: Record<string, string> = {
  draft: 'status.draft',
  declared: 'status.declared',
  submitted: 'status.submitted',
  approved: 'status.approved',
  accepted: 'status.accepted',
  published: 'status.published',
};

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

/** One line on what the event changed: a status move, the name created, the fields saved. */
export function auditGist(e: AuditEvent): string {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const parts: string[] = [];
  const from = text(before.status);
  const to = text(after.status);
  if (from && to && from !== to) {
    parts.push(`${t(STATUS_WORDS[from] ?? from)} → ${t(STATUS_WORDS[to] ?? to)}`);
  }
  const name = text(after.name) ?? text(after.username) ?? text(before.project) ?? text(after.filename);
  if (name) parts.push(name);
  const role = text(after.role);
  if (role) parts.push(t(`role.${role}`));
  const changes = after.changes;
  if (changes && typeof changes === 'object') {
    parts.push(t('review.audit.changes', { n: Object.keys(changes).length }));
  }
  const version = text(after.version);
  if (version && e.entity.type === 'evaluation') parts.push(t('editor.version', { version }));
  const body = text(after.body) ?? text(after.reason);
  if (body) parts.push(body.length > 40 ? `${body.slice(0, 40)}…` : body);
  return parts.join('；');
}

export function AuditTable({
  events,
  loading = false,
  pagination = false,
  compact = false,
}: {
  events: AuditEvent[];
  loading?: boolean;
  pagination?: false | TablePaginationConfig;
  compact?: boolean;
}) {
  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('admin.audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: compact ? 104 : 164,
      render: (at: string) => dayjs(at).format(compact ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('admin.audit.actor'),
      key: 'actor',
      width: compact ? 100 : 130,
      render: (_, e) =>
        e.actor?.username ?? <Typography.Text type="secondary">{t('admin.audit.system')}</Typography.Text>,
    },
    {
      title: t('admin.audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: compact ? 110 : 130,
      render: (a: string) => (
        <Typography.Text type={a === 'auth.login-failed' ? 'danger' : undefined}>
          {auditActionName(a)}
        </Typography.Text>
      ),
    },
    ...(compact
      ? []
      : ([
          {
            title: t('admin.audit.entity'),
            key: 'entity',
            width: 110,
            render: (_, e) =>
              e.evaluationId && e.action !== 'evaluation.delete' ? (
                <Link to={`/evaluations/${encodeURIComponent(e.evaluationId)}/review`}>
                  {entityTypeName(e.entity.type)}
                </Link>
              ) : (
                entityTypeName(e.entity.type)
              ),
          },
        ] as TableColumnsType<AuditEvent>)),
    {
      title: t('admin.audit.detail'),
      key: 'detail',
      render: (_, e) => <span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>{auditGist(e)}</span>,
    },
  ];
  return (
    <Table<AuditEvent>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={events}
      loading={loading}
      pagination={pagination}
      locale={{ emptyText: t('empty') }}
      data-testid="audit-table"
    />
  );
}
