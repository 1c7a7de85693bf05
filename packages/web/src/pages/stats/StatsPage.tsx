/**
 * 统计: a year's self-evaluations at a glance, beside the year before. Counts come from
 * GET /api/dashboard (this year and last); the score-against-execution-rate scatter needs each
 * form, which GET /api/dashboard/points answers in one compact request. The units table is
 * paged by the server (20 units a page, by name): each page asks for this year's units of the
 * page, then last year's figures of exactly those units (unitIds). Every chart has its table;
 * the year is in the URL (?year=2023).
 */
import { dec, getRule } from '@jixiao/core';
import {
  Alert,
  Card,
  Col,
  Empty,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { format } from 'echarts/core';
import { type ReactElement, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import type {
  Dashboard,
  DashboardPoint,
  DashboardPoints,
  DashboardUnit,
  EvaluationSummary,
  Page,
} from '../../api/types.ts';
import { rateText, scoreText } from '../../components/figures.ts';
import { t } from '../../i18n/index.ts';
import { ChartCard, type View } from './ChartCard.tsx';
import type { ChartOption } from './EChart.tsx';

const GRADE_ORDER = ['优', '良', '中', '差'];
const GRADE_COLORS: Record<string, string> = { 优: '#389e0d', 良: '#1677ff', 中: '#faad14', 差: '#cf1322' };
const PREVIOUS_COLOR = '#bfbfbf';
const CURRENT_COLOR = '#b4232a';
const NUM = { fontVariantNumeric: 'tabular-nums' } as const;
const UNITS_PAGE_SIZE = 20;

/** A unit's row: this year's standing, with last year's count and average beside it. */
export type UnitRow = DashboardUnit & { previousCount: number; previousAverage: number | null };

/** One page of the units table, as the server paged it. */
interface UnitsPage {
  page: number;
  /** units with forms this year, over all pages */
  total: number;
  rows: UnitRow[];
}

interface StatsData {
  year: number;
  current: Dashboard;
  previous: Dashboard;
  points: DashboardPoints;
  units: UnitsPage;
}

function messageOf(e: unknown): string {
  return isApiError(e) || e instanceof Error ? e.message : String(e);
}

/** The year's standing of exactly these units (last year's, for the units of this year's page). */
async function unitsOf(year: number, units: readonly DashboardUnit[]): Promise<DashboardUnit[]> {
  // no ids would ask for no filter at all
  if (units.length === 0) return [];
  const d = await api.get<Dashboard>('/api/dashboard', {
    year,
    unitIds: units.map((u) => u.unitId).join(','),
    unitsPageSize: units.length,
  });
  return d.units;
}

/** This year's units beside last year's figures of the same units (0 and null for a new one). */
export function unitRows(current: readonly DashboardUnit[], previous: readonly DashboardUnit[]): UnitRow[] {
  const before = new Map(previous.map((u) => [u.unitId, u]));
  return current.map((u) => ({
    ...u,
    previousCount: before.get(u.unitId)?.count ?? 0,
    previousAverage: before.get(u.unitId)?.averageTotal ?? null,
  }));
}

/** A page of the units table: this year's units of the page, then last year's of those units. */
async function loadUnits(year: number, page: number): Promise<UnitsPage> {
  const current = await api.get<Dashboard>('/api/dashboard', {
    year,
    unitsPage: page,
    unitsPageSize: UNITS_PAGE_SIZE,
  });
  const before = await unitsOf(year - 1, current.units);
  return { page: current.unitsPage, total: current.unitsTotal, rows: unitRows(current.units, before) };
}

async function load(year: number): Promise<StatsData> {
  // This year's dashboard brings the first page of units; last year's figures of those units
  // follow as soon as it is known, while last year's dashboard and the points still load.
  const current = api.get<Dashboard>('/api/dashboard', { year, unitsPageSize: UNITS_PAGE_SIZE });
  const before = current.then((c) => unitsOf(year - 1, c.units));
  const [now, previous, points, previousUnits] = await Promise.all([
    current,
    // Last year's grades, buckets and findings; its units come by id above, so one is enough here.
    api.get<Dashboard>('/api/dashboard', { year: year - 1, unitsPageSize: 1 }),
    api.get<DashboardPoints>('/api/dashboard/points', { year }),
    before,
  ]);
  return {
    year,
    current: now,
    previous,
    points,
    units: { page: now.unitsPage, total: now.unitsTotal, rows: unitRows(now.units, previousUnits) },
  };
}

export function ruleName(code: string): string {
  const rule = getRule(code);
  if (rule) return rule.title;
  const text = t(`stats.rule.${code}`);
  return text === `stats.rule.${code}` ? code : text;
}

/** The grades in their order (优 良 中 差), then any other, then 未定级. */
export function gradeRows(current: Dashboard, previous: Dashboard) {
  const names = new Set([...Object.keys(current.byGrade), ...Object.keys(previous.byGrade)]);
  const ordered = [
    ...GRADE_ORDER.filter((g) => names.has(g)),
    ...[...names].filter((g) => !GRADE_ORDER.includes(g) && g !== '未定级').sort(),
    ...(names.has('未定级') ? ['未定级'] : []),
  ];
  return ordered.map((grade) => ({
    grade,
    current: current.byGrade[grade] ?? 0,
    previous: previous.byGrade[grade] ?? 0,
  }));
}

export function findingRows(current: Dashboard, previous: Dashboard) {
  const before = new Map(previous.findingsByRule.map((f) => [`${f.code}:${f.severity}`, f.count]));
  return [...current.findingsByRule]
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code) || a.severity.localeCompare(b.severity))
    .map((f) => ({
      ...f,
      name: ruleName(f.code),
      current: f.count,
      previous: before.get(`${f.code}:${f.severity}`) ?? 0,
    }));
}

/** The summary's figures: totals over every form of the year (`units` is only one page). */
export function measures(d: Dashboard) {
  return {
    total: d.total,
    published: d.byStatus.published ?? 0,
    errors: d.errors,
    warnings: d.warnings,
  };
}

function change(current: number, previous: number) {
  const d = current - previous;
  return (
    <Typography.Text type={d > 0 ? undefined : 'secondary'} style={NUM}>
      {d > 0 ? `+${d}` : d}
    </Typography.Text>
  );
}

function yoyColumns(year: number, first: { title: string; key: string }) {
  return [
    { title: first.title, dataIndex: first.key, key: first.key },
    {
      title: t('stats.col.previous', { year: year - 1 }),
      dataIndex: 'previous',
      key: 'previous',
      width: 90,
      align: 'right' as const,
    },
    {
      title: t('stats.col.current', { year }),
      dataIndex: 'current',
      key: 'current',
      width: 90,
      align: 'right' as const,
    },
    {
      title: t('stats.col.change'),
      key: 'change',
      width: 80,
      align: 'right' as const,
      render: (_: unknown, r: { current: number; previous: number }) => change(r.current, r.previous),
    },
  ];
}

function yearOptions() {
  const next = dayjs().year() + 1;
  return Array.from({ length: next - 2015 + 1 }, (_, i) => next - i).map((y) => ({
    value: y,
    label: t('list.yearLabel', { year: y }),
  }));
}

export default function StatsPage() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  // The year is the URL's (so back and reload keep it), else the newest year with a form.
  const [newest, setNewest] = useState<number | null>(null);
  const year = Number.isInteger(asked) && asked > 1900 ? asked : newest;
  const [data, setData] = useState<StatsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>('chart');

  // Without a year in the URL, the newest year that has a self-evaluation.
  useEffect(() => {
    if (year !== null) return;
    api
      .get<Page<EvaluationSummary>>('/api/evaluations', { stage: 'self-evaluation', page: 1, pageSize: 1 })
      .then((r) => setNewest(r.items[0]?.year ?? dayjs().year()))
      .catch(() => setNewest(dayjs().year()));
  }, [year]);

  useEffect(() => {
    if (year === null) return;
    let live = true;
    load(year)
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [year]);

  const charts = useMemo(() => (data ? buildCharts(data) : null), [data]);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="stats">
      <Card
        size="small"
        title={t('stats.title')}
        extra={
          <Space>
            <Segmented<View>
              aria-label={t('stats.view.label', { title: t('stats.title') })}
              value={view}
              onChange={setView}
              options={[
                { value: 'chart', label: t('stats.view.chart') },
                { value: 'table', label: t('stats.view.table') },
              ]}
              data-testid="view-all"
            />
            <Select
              aria-label={t('stats.year')}
              style={{ width: 110 }}
              value={year ?? undefined}
              onChange={(y: number) => {
                setParams({ year: String(y) });
              }}
              options={yearOptions()}
              data-testid="stats-year"
            />
          </Space>
        }
      >
        {error && <Alert type="error" showIcon message={t('stats.loadFailed', { message: error })} />}
        {data && charts && <Summary data={data} />}
        {!data && !error && <Card loading bordered={false} />}
      </Card>
      {data && charts && data.current.total === 0 && (
        <Empty description={t('stats.noData', { year: data.year })} />
      )}
      {data && charts && data.current.total > 0 && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <ChartCard
                id="grades"
                title={t('stats.grades')}
                option={charts.grades}
                table={charts.gradesTable}
                view={view}
              />
            </Col>
            <Col xs={24} xl={14}>
              <ChartCard
                id="scatter"
                title={t('stats.scatter')}
                option={charts.scatter}
                table={charts.scatterTable}
                view={view}
                footer={charts.scatterFooter}
              />
            </Col>
          </Row>
          <ChartCard
            id="findings"
            title={t('stats.findings')}
            option={charts.findings}
            table={charts.findingsTable}
            height={Math.max(200, 26 * Math.min(charts.findingCount, 20) + 40)}
            view={view}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ChartCard
                id="scores"
                title={`${t('stats.scores')}（${t('stats.yoy')}）`}
                option={charts.scores}
                table={charts.scoresTable}
                view={view}
              />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard
                id="rates"
                title={`${t('stats.rates')}（${t('stats.yoy')}）`}
                option={charts.rates}
                table={charts.ratesTable}
                view={view}
              />
            </Col>
          </Row>
          <Card size="small" title={t('stats.units')} data-testid="units-table">
            <UnitsTable key={data.year} year={data.year} first={data.units} />
          </Card>
        </>
      )}
    </Space>
  );
}

function Summary({ data }: { data: StatsData }) {
  const now = measures(data.current);
  const before = measures(data.previous);
  const items: [keyof typeof now, string][] = [
    ['total', 'stats.measure.total'],
    ['published', 'stats.measure.published'],
    ['errors', 'stats.measure.errors'],
    ['warnings', 'stats.measure.warnings'],
  ];
  return (
    <Row gutter={16} data-testid="summary">
      {items.map(([key, label]) => (
        <Col span={6} key={key}>
          <Statistic title={t(label)} value={now[key]} data-testid={`summary-${key}`} />
          <Typography.Text type="secondary">
            {t('stats.summary.previous', { year: data.year - 1, value: before[key] })}
          </Typography.Text>
        </Col>
      ))}
    </Row>
  );
}

function buildCharts({ year, current, previous, points }: StatsData) {
  const grades = gradeRows(current, previous);
  const gradeOption: ChartOption = {
    tooltip: { trigger: 'item', formatter: t('stats.pie.tooltip') },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '45%'],
        label: { formatter: '{b} {c}' },
        data: grades
          .filter((g) => g.current > 0)
          .map((g) => ({
            name: g.grade,
            value: g.current,
            itemStyle: { color: GRADE_COLORS[g.grade] ?? PREVIOUS_COLOR },
          })),
      },
    ],
  };
  const gradesTable = (
    <Table
      size="small"
      rowKey="grade"
      pagination={false}
      dataSource={grades}
      columns={yoyColumns(year, { title: t('stats.col.grade'), key: 'grade' })}
      data-testid="table-grades"
    />
  );

  // The scatter: each form's computed total against its execution rate (in %).
  // Every point has both figures: forms without either are only counted (points.unplaced).
  const byGrade = new Map<string, [number, number, string][]>();
  for (const [, unitName, project, total, rate, grade] of points.points) {
    const g = grade ?? t('stats.ungraded');
    const list = byGrade.get(g) ?? [];
    const label = `${unitName} ${project ?? t('list.project.department')}`;
    list.push([dec(rate).times(100).toNumber(), total, label]);
    byGrade.set(g, list);
  }
  const scatter: ChartOption = {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, string] }).value;
        // ECharts writes a tooltip as HTML: the unit's and project's names must go in as text
        return `${format.encodeHTML(v[2])}<br/>${t('stats.col.total')}：${scoreText(v[1])}<br/>${t('stats.col.rate')}：${scoreText(v[0])}%`;
      },
    },
    legend: { top: 0, right: 8 },
    grid: { left: 48, right: 24, top: 36, bottom: 44 },
    xAxis: {
      type: 'value',
      name: `${t('stats.col.rate')}（%）`,
      nameLocation: 'middle',
      nameGap: 26,
      scale: true,
    },
    yAxis: { type: 'value', name: t('stats.col.total'), min: 0, max: 100 },
    series: [...byGrade.entries()].map(([grade, points]) => ({
      type: 'scatter' as const,
      name: grade,
      symbolSize: 12,
      itemStyle: { color: GRADE_COLORS[grade] ?? '#8c8c8c' },
      data: points,
    })),
  };
  const scatterColumns: TableColumnsType<DashboardPoint> = [
    { title: t('stats.col.unit'), key: 'unit', render: (_, f) => f[1] },
    {
      title: t('stats.col.project'),
      key: 'project',
      render: (_, f) => (
        <span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
          {f[2] ?? t('list.project.department')}
        </span>
      ),
    },
    {
      title: t('stats.col.total'),
      key: 'total',
      width: 90,
      align: 'right',
      render: (_, f) => <span style={NUM}>{scoreText(f[3])}</span>,
    },
    {
      title: t('stats.col.rate'),
      key: 'rate',
      width: 90,
      align: 'right',
      render: (_, f) => <span style={NUM}>{rateText(f[4])}</span>,
    },
    {
      title: t('stats.col.grade'),
      key: 'grade',
      width: 60,
      align: 'center',
      render: (_, f) => f[5] ?? '—',
    },
  ];
  const scatterTable = (
    <Table<DashboardPoint>
      size="small"
      rowKey={(f) => f[0]}
      dataSource={points.points}
      columns={scatterColumns}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      data-testid="table-scatter"
    />
  );
  const unplaced = points.unplaced;
  const scatterFooter = (
    <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
      {t('stats.scatter.help')}
      {unplaced > 0 ? ` ${t('stats.scatter.unscored', { count: unplaced })}` : ''}
    </Typography.Paragraph>
  );

  const rules = findingRows(current, previous);
  const topRules = rules.slice(0, 20).reverse();
  const findings: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: topRules.map((r) =>
        rules.filter((x) => x.code === r.code).length > 1
          ? `${r.name}（${t(`stats.severity.${r.severity}`)}）`
          : r.name,
      ),
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        label: { show: true, position: 'right' },
        data: topRules.map((r) => ({
          value: r.count,
          itemStyle: {
            color: r.severity === 'error' ? '#cf1322' : r.severity === 'warning' ? '#faad14' : '#8c8c8c',
          },
        })),
      },
    ],
  };
  const findingsTable = (
    <Table
      size="small"
      rowKey={(r) => `${r.code}:${r.severity}`}
      dataSource={rules}
      pagination={{ pageSize: 15, hideOnSinglePage: true }}
      data-testid="table-findings"
      columns={[
        { title: t('stats.col.rule'), dataIndex: 'name', key: 'name' },
        {
          title: t('stats.col.code'),
          dataIndex: 'code',
          key: 'code',
          width: 230,
          render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
        },
        {
          title: t('stats.col.severity'),
          dataIndex: 'severity',
          key: 'severity',
          width: 70,
          render: (s: string) => (
            <Typography.Text type={s === 'error' ? 'danger' : s === 'warning' ? 'warning' : 'secondary'}>
              {t(`stats.severity.${s}`)}
            </Typography.Text>
          ),
        },
        ...yoyColumns(year, { title: '', key: 'unused' }).slice(1),
      ]}
    />
  );

  const bucketChart = (key: 'scores' | 'executionRates'): [ChartOption, ReactElement] => {
    const rows = current[key].map((b, i) => ({
      label: b.label,
      current: b.count,
      previous: previous[key][i]?.count ?? 0,
    }));
    const option: ChartOption = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('list.yearLabel', { year: year - 1 }),
          itemStyle: { color: PREVIOUS_COLOR },
          data: rows.map((r) => r.previous),
        },
        {
          type: 'bar',
          name: t('list.yearLabel', { year }),
          itemStyle: { color: CURRENT_COLOR },
          data: rows.map((r) => r.current),
        },
      ],
    };
    const table = (
      <Table
        size="small"
        rowKey="label"
        pagination={false}
        dataSource={rows}
        columns={yoyColumns(year, { title: t('stats.col.bucket'), key: 'label' })}
        data-testid={`table-${key}`}
      />
    );
    return [option, table];
  };
  const [scores, scoresTable] = bucketChart('scores');
  const [rates, ratesTable] = bucketChart('executionRates');

  return {
    grades: gradeOption,
    gradesTable,
    scatter,
    scatterTable,
    scatterFooter,
    findings,
    findingsTable,
    findingCount: topRules.length,
    scores,
    scoresTable,
    rates,
    ratesTable,
  };
}

function unitColumns(year: number): TableColumnsType<UnitRow> {
  return [
    { title: t('stats.col.unit'), dataIndex: 'unitName', key: 'unit' },
    { title: t('stats.col.forms'), dataIndex: 'count', key: 'count', width: 70, align: 'right' },
    {
      title: t('stats.col.published'),
      key: 'published',
      width: 70,
      align: 'right',
      render: (_, u) => u.byStatus.published ?? 0,
    },
    {
      title: t('stats.col.average'),
      key: 'average',
      width: 110,
      align: 'right',
      render: (_, u) => <span style={NUM}>{scoreText(u.averageTotal)}</span>,
    },
    {
      title: t('stats.col.averageOf', { year: year - 1 }),
      key: 'previousAverage',
      width: 150,
      align: 'right',
      render: (_, u) => <span style={NUM}>{scoreText(u.previousAverage)}</span>,
    },
    {
      title: t('stats.col.errors'),
      dataIndex: 'errors',
      key: 'errors',
      width: 64,
      align: 'right',
      render: (n: number) => <Typography.Text type={n > 0 ? 'danger' : 'secondary'}>{n}</Typography.Text>,
    },
    {
      title: t('stats.col.warnings'),
      dataIndex: 'warnings',
      key: 'warnings',
      width: 64,
      align: 'right',
      render: (n: number) => <Typography.Text type={n > 0 ? 'warning' : 'secondary'}>{n}</Typography.Text>,
    },
  ];
}

/**
 * The units table, one page of units at a time as the server pages them: turning the page asks
 * for that page, and the rows shown stay until it comes (or its error shows above them).
 */
function UnitsTable({ year, first }: { year: number; first: UnitsPage }) {
  const [shown, setShown] = useState(first);
  // the page asked for and not yet shown
  const [asked, setAsked] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only the answer to the newest request is shown, and none once the table is gone.
  const latest = useRef(0);
  useEffect(
    () => () => {
      latest.current++;
    },
    [],
  );
  const columns = useMemo(() => unitColumns(year), [year]);

  const turn = (page: number) => {
    const ticket = ++latest.current;
    setAsked(page);
    loadUnits(year, page)
      .then((p) => {
        if (ticket !== latest.current) return;
        setShown(p);
        setError(null);
        setAsked(null);
      })
      .catch((e) => {
        if (ticket !== latest.current) return;
        setError(messageOf(e));
        setAsked(null);
      });
  };

  return (
    <>
      {error && (
        <Alert
          type="error"
          showIcon
          message={t('stats.loadFailed', { message: error })}
          style={{ marginBottom: 8 }}
          data-testid="units-error"
        />
      )}
      <Table<UnitRow>
        size="small"
        rowKey="unitId"
        dataSource={shown.rows}
        loading={asked !== null}
        pagination={{
          current: asked ?? shown.page,
          pageSize: UNITS_PAGE_SIZE,
          total: shown.total,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        onChange={(p, _filters, _sorter, extra) => {
          if (extra.action === 'paginate' && p.current) turn(p.current);
        }}
        data-testid="table-units"
        columns={columns}
      />
    </>
  );
}
