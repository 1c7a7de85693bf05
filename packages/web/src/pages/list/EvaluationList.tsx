/**
 * The list of forms of one stage (自评表 or 目标申报), filtered and paged by the server. The
 * filters live in the URL query, so a reload, the back button or a copied link shows the same
 * list. A unit's people see only their unit's forms: the server decides, the page just asks.
 */
import { DeleteOutlined, ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type HTMLAttributes, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import type { EvaluationSummary, Page, Stage, Status, Unit } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ExportMenu } from '../../components/ExportMenu.tsx';
import { canEdit, formName, openHref } from '../../components/evaluationLinks.ts';
import { rateText, scoreText } from '../../components/figures.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { t } from '../../i18n/index.ts';

const STATUSES: Record<Stage, Status[]> = {
  'self-evaluation': ['draft', 'submitted', 'approved', 'accepted', 'published'],
  targets: ['draft', 'declared', 'approved'],
};
const GRADES = ['优', '良', '中', '差'];
const FILTER_KEYS = ['year', 'unit', 'kind', 'status', 'grade', 'hasErrors', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const PAGE_SIZES = [10, 20, 50, 100];
const NUM = { fontVariantNumeric: 'tabular-nums' } as const;

/** The years a form may be for: next year (targets are declared ahead) back to 2015. */
function yearOptions(): number[] {
  const next = dayjs().year() + 1;
  return Array.from({ length: next - 2015 + 1 }, (_, i) => next - i);
}

function FindingCounts({ e }: { e: EvaluationSummary }) {
  return (
    <Tooltip title={t('list.findings.title', { errors: e.errorCount, warnings: e.warningCount })}>
      <span data-testid="finding-counts">
        <Typography.Text type={e.errorCount > 0 ? 'danger' : 'secondary'} strong={e.errorCount > 0}>
          {e.errorCount}
        </Typography.Text>
        <Typography.Text type="secondary"> / </Typography.Text>
        <Typography.Text type={e.warningCount > 0 ? 'warning' : 'secondary'}>
          {e.warningCount}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

export function EvaluationList({ stage }: { stage: Stage }) {
  const session = useSession();
  const user = session.user ?? null;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<Page<EvaluationSummary> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [units, setUnits] = useState<Unit[]>([]);
  const [reloadKey, setReloadKey] = useState(0);
  const [search, setSearch] = useState(params.get('q') ?? '');

  const page = Math.max(1, Number(params.get('page')) || 1);
  // Any size the server accepts (1–200) is kept from the URL; the size changer offers the usual ones.
  const askedSize = Number(params.get('pageSize'));
  const pageSize = Number.isInteger(askedSize) && askedSize >= 1 && askedSize <= 200 ? askedSize : 20;
  const filters = useMemo(() => {
    const f: Partial<Record<FilterKey, string>> = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);

  useEffect(() => setSearch(params.get('q') ?? ''), [params]);

  useEffect(() => {
    api
      .get<{ items: Unit[] }>('/api/units')
      .then((r) => setUnits(r.items.filter((u) => u.kind === 'unit')))
      .catch(() => setUnits([]));
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey asks for the same page again
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .get<Page<EvaluationSummary>>('/api/evaluations', { ...filters, stage, page, pageSize })
      .then((r) => {
        if (controller.signal.aborted) return;
        setData(r);
        setError(null);
      })
      .catch((e) => {
        if (!controller.signal.aborted) setError(isApiError(e) || e instanceof Error ? e.message : String(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [filters, stage, page, pageSize, reloadKey]);

  /** Changes filters and starts again at page 1 (a new filter has its own pages). */
  const setFilter = useCallback(
    (changes: Partial<Record<FilterKey | 'page' | 'pageSize', string | number | undefined | null>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  const remove = async (e: EvaluationSummary) => {
    try {
      await api.del(`/api/evaluations/${encodeURIComponent(e.id)}`);
      message.success(t('list.delete.done'));
      // The last row of a page gone: show the page before rather than an empty one.
      if (data && data.items.length === 1 && page > 1) setFilter({ page: page - 1 });
      else setReloadKey((k) => k + 1);
    } catch (err) {
      message.error(t('list.delete.failed', { message: isApiError(err) ? err.message : String(err) }));
    }
  };

  const self = stage === 'self-evaluation';
  const multiUnit = session.can('admin', 'reviewer') || units.length > 1;
  const columns: TableColumnsType<EvaluationSummary> = [
    // A unit's people see only their own unit: the column would repeat its name on every row.
    ...(multiUnit
      ? ([
          { title: t('list.col.unit'), dataIndex: ['unit', 'name'], key: 'unit', width: 124 },
        ] as TableColumnsType<EvaluationSummary>)
      : []),
    { title: t('list.col.year'), dataIndex: 'year', key: 'year', width: 56, align: 'right' },
    {
      title: t('list.col.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 72,
      render: (k: EvaluationSummary['kind']) => t(`kind.${k}`),
    },
    {
      title: t('list.col.project'),
      key: 'project',
      render: (_, e) => (
        <Link to={openHref(e, user)} style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
          {e.project ?? t('list.project.department')}
        </Link>
      ),
    },
    {
      title: t('list.col.status'),
      dataIndex: 'status',
      key: 'status',
      width: 92,
      render: (s: Status, e) => <StatusTag status={s} stage={e.stage} />,
    },
    ...(self
      ? ([
          {
            title: t('list.col.totalReported'),
            key: 'totalReported',
            width: 76,
            align: 'right',
            render: (_, e) => <span style={NUM}>{scoreText(e.totalReported)}</span>,
          },
          {
            title: t('list.col.totalComputed'),
            key: 'totalComputed',
            width: 76,
            align: 'right',
            render: (_, e) => (
              <span style={NUM}>{scoreText(e.totalComputed === undefined ? e.total : e.totalComputed)}</span>
            ),
          },
          {
            title: t('list.col.grade'),
            dataIndex: 'grade',
            key: 'grade',
            width: 48,
            align: 'center',
            render: (g: string | null) => g ?? '—',
          },
          {
            title: t('list.col.rate'),
            dataIndex: 'executionRate',
            key: 'rate',
            width: 80,
            align: 'right',
            render: (r: number | null) => rateText(r),
          },
        ] as TableColumnsType<EvaluationSummary>)
      : []),
    {
      title: t('list.col.findings'),
      key: 'findings',
      width: 86,
      align: 'right',
      render: (_, e) => <FindingCounts e={e} />,
    },
    {
      title: t('list.col.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 96,
      render: (at: string) => (
        <span style={{ lineHeight: 1.3, display: 'inline-block' }}>
          {dayjs(at).format('YYYY-MM-DD')}
          <br />
          <Typography.Text type="secondary">{dayjs(at).format('HH:mm')}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('list.col.actions'),
      key: 'actions',
      width: 156,
      fixed: 'right',
      render: (_, e) => (
        <Space size={4}>
          <Button size="small" type="link" onClick={() => navigate(openHref(e, user))} data-testid="open">
            {t('action.open')}
          </Button>
          <ExportMenu id={e.id} size="small" />
          {canEdit(e, user) && (
            <Popconfirm
              title={t('list.delete.confirm')}
              description={
                <div style={{ maxWidth: 280 }}>{t('list.delete.detail', { name: formName(e) })}</div>
              }
              okText={t('action.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('action.cancel')}
              onConfirm={() => remove(e)}
            >
              <Tooltip title={t('action.delete')}>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('action.delete')}
                  data-testid="delete"
                />
              </Tooltip>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const canCreate = session.can('filler', 'approver') || (self && session.can('reviewer'));
  const statusOptions = STATUSES[stage].map((s) => ({
    value: s,
    label: stage === 'targets' && s === 'approved' ? t('status.targetsApproved') : t(`status.${s}`),
  }));
  const filtered = FILTER_KEYS.some((k) => filters[k] !== undefined);

  return (
    <Card
      title={t(self ? 'list.title.self' : 'list.title.targets')}
      extra={
        <Space>
          {canCreate && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/evaluations/new?stage=${stage}`)}
              data-testid="new"
            >
              {t(self ? 'list.new.self' : 'list.new.targets')}
            </Button>
          )}
          {self && !session.can('admin') && (
            <Button icon={<ImportOutlined />} onClick={() => navigate('/import')}>
              {t('list.import')}
            </Button>
          )}
          <Tooltip title={t('action.refresh')}>
            <Button
              icon={<ReloadOutlined />}
              aria-label={t('action.refresh')}
              onClick={() => setReloadKey((k) => k + 1)}
            />
          </Tooltip>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }} data-testid="filters">
        <Select
          aria-label={t('list.filter.year')}
          placeholder={t('list.filter.year')}
          allowClear
          style={{ width: 104 }}
          value={filters.year ? Number(filters.year) : undefined}
          onChange={(v) => setFilter({ year: v })}
          options={yearOptions().map((y) => ({ value: y, label: t('list.yearLabel', { year: y }) }))}
          data-testid="filter-year"
        />
        {units.length > 1 && (
          <Select
            aria-label={t('list.filter.unit')}
            placeholder={t('list.filter.unit')}
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 220 }}
            value={filters.unit}
            onChange={(v) => setFilter({ unit: v })}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            data-testid="filter-unit"
          />
        )}
        <Select
          aria-label={t('list.filter.kind')}
          placeholder={t('list.filter.kind')}
          allowClear
          style={{ width: 112 }}
          value={filters.kind}
          onChange={(v) => setFilter({ kind: v })}
          options={(['department', 'project'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          data-testid="filter-kind"
        />
        <Select
          aria-label={t('list.filter.status')}
          placeholder={t('list.filter.status')}
          allowClear
          style={{ width: 128 }}
          value={filters.status}
          onChange={(v) => setFilter({ status: v })}
          options={statusOptions}
          data-testid="filter-status"
        />
        {self && (
          <Select
            aria-label={t('list.filter.grade')}
            placeholder={t('list.filter.grade')}
            allowClear
            style={{ width: 88 }}
            value={filters.grade}
            onChange={(v) => setFilter({ grade: v })}
            options={GRADES.map((g) => ({ value: g, label: g }))}
            data-testid="filter-grade"
          />
        )}
        <Select
          aria-label={t('list.filter.errors')}
          placeholder={t('list.filter.errors')}
          allowClear
          style={{ width: 112 }}
          value={filters.hasErrors}
          onChange={(v) => setFilter({ hasErrors: v })}
          options={[
            { value: 'true', label: t('list.filter.errors.yes') },
            { value: 'false', label: t('list.filter.errors.no') },
          ]}
          data-testid="filter-errors"
        />
        <Input.Search
          aria-label={t('list.filter.search')}
          placeholder={t('list.filter.search')}
          allowClear
          style={{ width: 220 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => setFilter({ q: v.trim() })}
          data-testid="filter-q"
        />
        {filtered && (
          <Button type="link" onClick={() => setParams(new URLSearchParams())} data-testid="filter-reset">
            {t('list.filter.reset')}
          </Button>
        )}
      </Space>
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('list.loadFailed', { message: error })}
        />
      )}
      <Table<EvaluationSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        scroll={{ x: (self ? 950 : 710) + (multiUnit ? 124 : 0) }}
        locale={{ emptyText: t('list.empty') }}
        data-testid="evaluation-table"
        onRow={(e) => ({ 'data-id': e.id, 'data-status': e.status }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => <Tag>{t('list.total', { total })}</Tag>,
          onChange: (p, s) => setFilter(s !== pageSize ? { page: undefined, pageSize: s } : { page: p }),
        }}
      />
    </Card>
  );
}
