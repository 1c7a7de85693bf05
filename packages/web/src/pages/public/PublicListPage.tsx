/**
 * 公开: the published forms, readable without signing in — filters by year, unit name and
 * kind, paged on the server. The total shown is what the unit published; Jixiao's computed
 * total stands beside it, marked where they differ.
 */
import { ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import type { Page, PublicSummary } from '../../api/types.ts';
import { differenceText, scoreText } from '../../components/figures.ts';
import { t } from '../../i18n/index.ts';

const PAGE_SIZE = 20;

function timeText(iso: string): string {
  return iso.slice(0, 10);
}

export default function PublicListPage() {
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ? Number(params.get('year')) : null;
  const unit = params.get('unit') ?? '';
  const kind = params.get('kind') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [data, setData] = useState<Page<PublicSummary> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [draftYear, setDraftYear] = useState<number | null>(year);
  const [draftUnit, setDraftUnit] = useState(unit);
  const [draftKind, setDraftKind] = useState(kind);
  const [unitNames, setUnitNames] = useState<string[]>([]);

  // the filter matches the unit's full name: offer the names that have published forms
  useEffect(() => {
    api
      .get<Page<PublicSummary>>('/api/public/evaluations', { pageSize: 200 })
      .then((r) =>
        setUnitNames(
          [...new Set(r.items.map((i) => i.unitName))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
        ),
      )
      .catch(() => setUnitNames([]));
  }, []);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(
        await api.get<Page<PublicSummary>>('/api/public/evaluations', {
          year: year ?? undefined,
          unit: unit || undefined,
          kind: kind || undefined,
          page,
          pageSize: PAGE_SIZE,
        }),
      );
      setError(null);
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }, [year, unit, kind, page]);

  useEffect(() => {
    load();
  }, [load]);

  const apply = (next: { year?: number | null; unit?: string; kind?: string; page?: number }) => {
    const p = new URLSearchParams();
    const y = next.year === undefined ? year : next.year;
    const u = next.unit ?? unit;
    const k = next.kind ?? kind;
    if (y) p.set('year', String(y));
    if (u) p.set('unit', u);
    if (k) p.set('kind', k);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };

  return (
    <div data-testid="public-list">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('public.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('public.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          onFinish={() => apply({ year: draftYear, unit: draftUnit.trim(), kind: draftKind, page: 1 })}
          style={{ rowGap: 8 }}
        >
          <Form.Item label={t('public.filter.year')} htmlFor="public-year">
            <InputNumber
              id="public-year"
              min={1990}
              max={2100}
              style={{ width: 110 }}
              value={draftYear}
              onChange={(v) => setDraftYear(typeof v === 'number' ? v : null)}
            />
          </Form.Item>
          <Form.Item label={t('public.filter.unit')} htmlFor="public-unit">
            <AutoComplete
              id="public-unit"
              allowClear
              style={{ width: 260 }}
              placeholder={t('public.filter.unitPlaceholder')}
              value={draftUnit}
              onChange={(v) => setDraftUnit(v ?? '')}
              options={unitNames
                .filter((n) => !draftUnit || n.includes(draftUnit))
                .map((n) => ({ value: n }))}
            />
          </Form.Item>
          <Form.Item label={t('public.filter.kind')} htmlFor="public-kind">
            <Select
              id="public-kind"
              style={{ width: 130 }}
              value={draftKind}
              onChange={setDraftKind}
              options={[
                { value: '', label: t('public.filter.allKinds') },
                { value: 'department', label: t('kind.department') },
                { value: 'project', label: t('kind.project') },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="public-search">
                {t('public.filter.search')}
              </Button>
              <Button
                onClick={() => {
                  setDraftYear(null);
                  setDraftUnit('');
                  setDraftKind('');
                  setParams(new URLSearchParams());
                }}
              >
                {t('public.filter.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table<PublicSummary>
        rowKey="id"
        size="middle"
        tableLayout="fixed"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('public.empty') }}
        onRow={(r) => ({ 'data-id': r.id, 'data-testid': 'public-row' }) as object}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('public.totalCount', { n }),
          onChange: (p) => apply({ page: p }),
        }}
        columns={[
          {
            title: t('public.col.unit'),
            dataIndex: 'unitName',
            render: (name: string, r) => (
              <Link to={`/public/${encodeURIComponent(r.id)}`} style={{ wordBreak: 'break-word' }}>
                {name}
              </Link>
            ),
          },
          { title: t('public.col.year'), dataIndex: 'year', width: 80, align: 'right' },
          {
            title: t('public.col.kind'),
            dataIndex: 'kind',
            width: 100,
            render: (k: string) => t(`kind.${k}`),
          },
          {
            title: t('public.col.project'),
            dataIndex: 'project',
            render: (p: string | null) => (
              <span style={{ wordBreak: 'break-word' }}>{p ?? t('public.wholeDept')}</span>
            ),
          },
          {
            title: t('public.col.total'),
            dataIndex: 'total',
            width: 100,
            align: 'right',
            render: (v: number | null) => (
              <span style={{ fontVariantNumeric: 'tabular-nums' }}>{scoreText(v)}</span>
            ),
          },
          {
            title: t('public.col.computed'),
            key: 'computed',
            width: 110,
            align: 'right',
            render: (_, r) => {
              const diff = differenceText(r.totalReported, r.totalComputed);
              return (
                <span
                  data-differs={diff ? 'true' : 'false'}
                  style={{
                    color: diff ? '#cf1322' : undefined,
                    whiteSpace: 'nowrap',
                    fontVariantNumeric: 'tabular-nums',
                  }}
                  title={diff ? t('public.differs') : undefined}
                >
                  {diff && (
                    <ExclamationCircleFilled aria-label={t('public.differs')} style={{ marginRight: 4 }} />
                  )}
                  {scoreText(r.totalComputed)}
                </span>
              );
            },
          },
          {
            title: t('public.col.grade'),
            dataIndex: 'grade',
            width: 70,
            render: (g: string | null) => g ?? '—',
          },
          {
            title: t('public.col.publishedAt'),
            dataIndex: 'publishedAt',
            width: 120,
            render: (x: string) => timeText(x),
          },
        ]}
      />
    </div>
  );
}
