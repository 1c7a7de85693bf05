/**
 * The whole audit trail, newest first, filtered by action, kind of object and person. The
 * API gives no total, so paging is forward and back: a full page means there may be more.
 */
import { Alert, Button, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import type { AuditEvent, UserAccount } from '../../api/types.ts';
import { AuditTable, auditActionName, entityTypeName } from '../../components/AuditTable.tsx';
import { t } from '../../i18n/index.ts';

const PAGE_SIZE = 20;

const ACTIONS = [
  'evaluation.create',
  'evaluation.save',
  'evaluation.submit',
  'evaluation.approve',
  'evaluation.return',
  'evaluation.accept',
  'evaluation.publish',
  'evaluation.declareTargets',
  'evaluation.approveTargets',
  'evaluation.delete',
  'comment.add',
  'attachment.add',
  'adjustment.request',
  'adjustment.approve',
  'adjustment.reject',
  'unit.create',
  'unit.region',
  'user.create',
  'region.create',
  'profile.create',
  'auth.login',
  'auth.login-failed',
  'auth.logout',
];
const ENTITY_TYPES = [
  'evaluation',
  'user',
  'unit',
  'comment',
  'attachment',
  'adjustment',
  'region',
  'profile',
];

export function AuditTab() {
  const [params, setParams] = useSearchParams();
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [users, setUsers] = useState<UserAccount[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const action = params.get('action') ?? undefined;
  const entityType = params.get('entityType') ?? undefined;
  const actor = params.get('actor') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);

  const set = (changes: Record<string, string | number | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '' || (k === 'page' && v === 1)) next.delete(k);
        else next.set(k, String(v));
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    });

  useEffect(() => {
    api
      .get<{ items: UserAccount[] }>('/api/users')
      .then((r) => setUsers(r.items))
      .catch(() => setUsers([]));
  }, []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .get<{ items: AuditEvent[] }>('/api/audit', {
        order: 'desc',
        page,
        pageSize: PAGE_SIZE,
        action,
        entityType,
        actor,
      })
      .then((r) => {
        if (!live) return;
        setEvents(r.items);
        setError(null);
      })
      .catch((e) => live && setError(isApiError(e) || e instanceof Error ? e.message : String(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [page, action, entityType, actor]);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('admin.audit.filter.action')}
          placeholder={t('admin.audit.filter.action')}
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 180 }}
          value={action}
          onChange={(v) => set({ action: v })}
          options={ACTIONS.map((a) => ({ value: a, label: auditActionName(a) }))}
          data-testid="audit-filter-action"
        />
        <Select
          aria-label={t('admin.audit.filter.entityType')}
          placeholder={t('admin.audit.filter.entityType')}
          allowClear
          style={{ width: 160 }}
          value={entityType}
          onChange={(v) => set({ entityType: v })}
          options={ENTITY_TYPES.map((e) => ({ value: e, label: entityTypeName(e) }))}
        />
        <Select
          aria-label={t('admin.audit.filter.actor')}
          placeholder={t('admin.audit.filter.actor')}
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 200 }}
          value={actor}
          onChange={(v) => set({ actor: v })}
          options={users.map((u) => ({
            value: u.id,
            label: u.displayName ? `${u.username}（${u.displayName}）` : u.username,
          }))}
        />
      </Space>
      {error && <Alert type="error" showIcon message={t('admin.loadFailed', { message: error })} />}
      <AuditTable events={events} loading={loading} />
      <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
        <Button disabled={page <= 1} onClick={() => set({ page: page - 1 })}>
          {t('admin.audit.prev')}
        </Button>
        <span data-testid="audit-page">{t('admin.audit.page', { page })}</span>
        <Button disabled={events.length < PAGE_SIZE} onClick={() => set({ page: page + 1 })}>
          {t('admin.audit.next')}
        </Button>
      </Space>
    </Space>
  );
}
