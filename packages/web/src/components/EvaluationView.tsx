/**
 * A form read-only, in the layout people know from the printed tables: header, budget block
 * with 执行率 and 得分, goals, the indicators grouped by goal, total, grade and the narratives.
 * Beside every figure the form reports stands Jixiao's computed one (with how it came about on
 * hover), marked where they differ. Every row and field carries an id (see evaluationPlaces.ts)
 * so a finding or comment can move to it, and an optional slot for buttons such as 批注.
 */
import { ExclamationCircleFilled, StarFilled } from '@ant-design/icons';
import { Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { type HTMLAttributes, type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { EvaluationInput, ScoreResult } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { anchorOf, placeOfPath } from './evaluationPlaces.ts';
import { differenceText, moneyText, rateText, scoreText } from './figures.ts';

export interface EvaluationViewProps {
  evaluation: EvaluationInput;
  score?: ScoreResult | null;
  /** the path to move to and highlight (`indicators[3].actual`); '' or null for none */
  highlight?: string | null;
  /** changes whenever the same path is asked for again, so it scrolls again */
  highlightSeq?: number;
  /** a slot beside each row and field (path, place in words), e.g. a comment button */
  renderExtra?: (path: string, place: string) => ReactNode;
}

type IndicatorInput = EvaluationInput['indicators'] extends (infer I)[] | undefined ? I : never;

interface IndicatorRow {
  key: string;
  index: number;
  indicator: IndicatorInput;
}

const HIGHLIGHT_CSS = `
.ev-highlight, .ev-highlight > td { background: #fff4c2 !important; }
.ev-block.ev-highlight { box-shadow: 0 0 0 2px #faad14; }
.ev-view .ant-table-cell { vertical-align: top; }
.ev-wrap { white-space: pre-wrap; word-break: break-word; overflow-wrap: anywhere; }
.ev-num { font-variant-numeric: tabular-nums; white-space: nowrap; }
`;

const wrap = { whiteSpace: 'pre-wrap', wordBreak: 'break-word', overflowWrap: 'anywhere' } as const;

function Num({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <span className="ev-num" data-testid={testId}>
      {children}
    </span>
  );
}

/** A computed figure beside the reported one: marked when they differ, explained on hover/focus. */
function Computed({
  reported,
  computed,
  text,
  explanation,
  testId,
}: {
  reported: number | null | undefined;
  computed: number | null | undefined;
  text: string;
  explanation?: string | null;
  testId?: string;
}) {
  const diff = differenceText(reported, computed);
  const body = (
    <span
      className="ev-num"
      data-testid={testId}
      data-differs={diff ? 'true' : 'false'}
      // focusable so the explanation is reachable without a mouse
      tabIndex={explanation ? 0 : undefined}
      style={{
        color: diff ? '#cf1322' : undefined,
        fontWeight: diff ? 600 : undefined,
        borderBottom: explanation ? '1px dashed #bfbfbf' : undefined,
        cursor: explanation ? 'help' : undefined,
      }}
    >
      {diff && (
        <ExclamationCircleFilled aria-label={t('view.differs')} style={{ marginRight: 4, fontSize: 12 }} />
      )}
      {text}
    </span>
  );
  if (!explanation) return body;
  return (
    <Tooltip title={<span style={wrap}>{explanation}</span>} trigger={['hover', 'focus']}>
      {body}
    </Tooltip>
  );
}

function Block({
  id,
  highlighted,
  title,
  extra,
  children,
}: {
  id: string;
  highlighted: boolean;
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      id={id}
      className={`ev-block${highlighted ? ' ev-highlight' : ''}`}
      style={{ marginBottom: 16, borderRadius: 4, padding: highlighted ? 4 : 0 }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0, flex: 1, minWidth: 0, ...wrap }}>
          {title}
        </Typography.Title>
        {extra}
      </div>
      {children}
    </section>
  );
}

export function EvaluationView({
  evaluation: ev,
  score,
  highlight,
  highlightSeq,
  renderExtra,
}: EvaluationViewProps) {
  const root = useRef<HTMLDivElement>(null);
  const anchor = anchorOf(highlight);

  // biome-ignore lint/correctness/useExhaustiveDependencies: highlightSeq re-runs it for the same path
  useEffect(() => {
    if (!anchor) return;
    const el = root.current?.querySelector(`#${anchor}`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [anchor, highlightSeq]);

  const extra = (path: string) => (renderExtra ? renderExtra(path, placeOfPath(path, ev).place) : null);

  const goals = useMemo(
    () => (ev.goals ?? []).map((g, i) => ({ ...g, id: g.id ?? `G${i + 1}` })),
    [ev.goals],
  );
  const indicators = ev.indicators ?? [];
  const groups = useMemo(() => {
    const known = new Set(goals.map((g) => g.id));
    const byGoal = new Map<string, IndicatorRow[]>();
    const loose: IndicatorRow[] = [];
    indicators.forEach((indicator, index) => {
      const row = { key: `i${index}`, index, indicator };
      // a form with one goal may leave `goal` out: its rows belong to that goal
      const goal = indicator.goal ?? (goals.length === 1 ? goals[0]?.id : undefined);
      if (goal && known.has(goal)) {
        const list = byGoal.get(goal) ?? [];
        list.push(row);
        byGoal.set(goal, list);
      } else loose.push(row);
    });
    return { byGoal, loose };
  }, [goals, indicators]);

  const scores = score?.indicators ?? [];
  // columns the form leaves empty everywhere (many forms print no 分值 or 偏差原因) give their
  // width to the names instead
  const hasWeights = indicators.some((i) => i.weight !== null && i.weight !== undefined);
  const hasDeviation = indicators.some((i) => !!i.deviation);
  const allColumns: (ColumnsType<IndicatorRow>[number] & { key: string })[] = [
    {
      title: t('view.col.row'),
      key: 'row',
      width: 44,
      align: 'right',
      render: (_, r) => <Num>{r.index + 1}</Num>,
    },
    {
      title: `${t('view.col.level1')} / ${t('view.col.level2')}`,
      key: 'levels',
      width: 104,
      render: (_, r) => (
        <div style={wrap}>
          <div>{r.indicator.level1 ?? t('view.none')}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.indicator.level2 ?? t('view.none')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('view.col.name'),
      key: 'name',
      render: (_, r) => (
        <div style={wrap}>
          {r.indicator.core && (
            <StarFilled aria-label={t('view.core')} style={{ color: '#d48806', marginRight: 4 }} />
          )}
          {r.indicator.name}
          {r.indicator.applicable === false && (
            <Tag style={{ marginLeft: 4 }} color="default">
              {t('view.notApplicable')}
            </Tag>
          )}
        </div>
      ),
    },
    {
      title: t('view.col.target'),
      key: 'target',
      width: 92,
      render: (_, r) => <div style={wrap}>{r.indicator.target?.raw || t('view.none')}</div>,
    },
    {
      title: t('view.col.actual'),
      key: 'actual',
      width: 92,
      render: (_, r) => <div style={wrap}>{r.indicator.actual?.raw || t('view.none')}</div>,
    },
    {
      title: t('view.col.weight'),
      key: 'weight',
      width: 62,
      align: 'right',
      render: (_, r) => <Num>{scoreText(r.indicator.weight)}</Num>,
    },
    {
      title: t('view.col.reported'),
      key: 'reported',
      width: 62,
      align: 'right',
      render: (_, r) => <Num testId={`reported-${r.index}`}>{scoreText(r.indicator.score)}</Num>,
    },
    {
      title: t('view.col.computed'),
      key: 'computed',
      width: 76,
      align: 'right',
      render: (_, r) => {
        const s = scores[r.index];
        return (
          <Computed
            reported={s?.reported ?? r.indicator.score}
            computed={s?.computed}
            text={scoreText(s?.computed)}
            explanation={s?.explanation}
            testId={`computed-${r.index}`}
          />
        );
      },
    },
    {
      title: t('view.col.deviation'),
      key: 'deviation',
      render: (_, r) => <div style={wrap}>{r.indicator.deviation || ''}</div>,
    },
  ];
  const columns = allColumns.filter(
    (c) => (c.key !== 'weight' || hasWeights) && (c.key !== 'deviation' || hasDeviation),
  );
  if (renderExtra) {
    columns.push({
      title: t('view.col.extra'),
      key: 'extra',
      width: 56,
      align: 'center',
      render: (_, r) => extra(`indicators[${r.index}]`),
    });
  }

  const indicatorTable = (rows: IndicatorRow[], testId: string) => (
    <Table<IndicatorRow>
      size="small"
      bordered
      tableLayout="fixed"
      pagination={false}
      columns={columns}
      dataSource={rows}
      data-testid={testId}
      onRow={(r) =>
        ({
          id: `ev-indicator-${r.index}`,
          'data-path': `indicators[${r.index}]`,
          'data-testid': 'indicator-row',
        }) as HTMLAttributes<HTMLElement>
      }
      rowClassName={(r) => (anchor === `ev-indicator-${r.index}` ? 'ev-highlight' : '')}
    />
  );

  const budget = ev.budget;
  const b = score?.budget;
  const budgetRows = [
    {
      key: 'whole',
      label: t('view.budget.whole'),
      initial: budget?.initial ?? null,
      planned: budget?.planned ?? null,
      executed: budget?.executed ?? null,
      rate: budget?.rate ?? null,
      rateComputed: b?.rate.computed ?? null,
      weight: budget?.weight ?? b?.weight ?? null,
      score: budget?.score ?? null,
      scoreComputed: b?.score.computed ?? null,
      explanation: b?.explanation ?? null,
      whole: true,
    },
    ...(budget?.lines ?? []).map((l, i) => ({
      key: `l${i}`,
      label: l.label,
      initial: l.initial ?? null,
      planned: l.planned ?? null,
      executed: l.executed ?? null,
      rate: l.rate ?? null,
      rateComputed: null,
      weight: l.weight ?? null,
      score: l.score ?? null,
      scoreComputed: null,
      explanation: null,
      whole: false,
    })),
  ];
  type BudgetRow = (typeof budgetRows)[number];
  const budgetColumns: ColumnsType<BudgetRow> = [
    { title: t('view.budget.label'), dataIndex: 'label', render: (v: string) => <div style={wrap}>{v}</div> },
    {
      title: t('view.budget.initial'),
      dataIndex: 'initial',
      align: 'right',
      width: 96,
      render: (v: number | null) => <Num>{moneyText(v)}</Num>,
    },
    {
      title: t('view.budget.planned'),
      dataIndex: 'planned',
      align: 'right',
      width: 108,
      render: (v: number | null) => <Num>{moneyText(v)}</Num>,
    },
    {
      title: t('view.budget.executed'),
      dataIndex: 'executed',
      align: 'right',
      width: 108,
      render: (v: number | null) => <Num>{moneyText(v)}</Num>,
    },
    {
      title: t('view.budget.rate'),
      key: 'rate',
      align: 'right',
      width: 124,
      render: (_, r) => (
        <Space size={4} direction="vertical" style={{ alignItems: 'flex-end' }}>
          <Num testId={r.whole ? 'budget-rate' : undefined}>{rateText(r.rate)}</Num>
          {r.whole && r.rateComputed !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('view.budget.rateComputed')}{' '}
              <Computed
                reported={r.rate}
                computed={r.rateComputed}
                text={rateText(r.rateComputed)}
                testId="budget-rate-computed"
              />
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('view.budget.weight'),
      dataIndex: 'weight',
      align: 'right',
      width: 58,
      render: (v: number | null) => <Num>{scoreText(v)}</Num>,
    },
    {
      title: t('view.budget.score'),
      dataIndex: 'score',
      align: 'right',
      width: 58,
      render: (v: number | null) => <Num testId="budget-score">{scoreText(v)}</Num>,
    },
    {
      title: t('view.budget.scoreComputed'),
      key: 'scoreComputed',
      align: 'right',
      width: 78,
      render: (_, r) =>
        r.whole ? (
          <Computed
            reported={r.score}
            computed={r.scoreComputed}
            text={scoreText(r.scoreComputed)}
            explanation={r.explanation}
            testId="budget-score-computed"
          />
        ) : null,
    },
  ];

  const totalReported = ev.totalReported ?? score?.totals.reported ?? null;
  const totalComputed = score?.totals.computed ?? null;
  const totalDiff = differenceText(totalReported, totalComputed);
  const narrative = (key: 'deviationAnalysis' | 'improvementPlan' | 'conclusion' | 'problems') => {
    const text = ev[key];
    // conclusion and problems exist only on the forms that print them
    if ((key === 'conclusion' || key === 'problems') && (text === undefined || text === null)) return null;
    return (
      <Block
        key={key}
        id={`ev-${key}`}
        highlighted={anchor === `ev-${key}`}
        title={t(`view.${key}`)}
        extra={extra(key)}
      >
        <Typography.Paragraph
          data-testid={`narrative-${key}`}
          type={text ? undefined : 'secondary'}
          style={{ ...wrap, marginBottom: 0, padding: '8px 12px', background: '#fafafa', borderRadius: 4 }}
        >
          {text || t('view.empty')}
        </Typography.Paragraph>
      </Block>
    );
  };

  return (
    <div ref={root} className="ev-view" data-testid="evaluation-view">
      <style>{HIGHLIGHT_CSS}</style>
      <Block id="ev-header" highlighted={anchor === 'ev-header'} title={t('view.header')}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('view.unit')}>
            <span style={wrap} data-testid="view-unit">
              {ev.unit ?? t('view.none')}
            </span>
          </Descriptions.Item>
          {ev.department && (
            <Descriptions.Item label={t('view.department')}>
              <span style={wrap}>{ev.department}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('view.year')}>
            <span data-testid="view-year">{ev.year ?? t('view.none')}</span>
          </Descriptions.Item>
          {ev.project && (
            <Descriptions.Item label={t('view.project')}>
              <span style={wrap}>{ev.project}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('view.kind')}>{t(`kind.${ev.kind}`)}</Descriptions.Item>
          {(score?.profile ?? ev.profile) && (
            <Descriptions.Item label={t('view.profile')}>{score?.profile ?? ev.profile}</Descriptions.Item>
          )}
          {ev.filledOn && <Descriptions.Item label={t('view.filledOn')}>{ev.filledOn}</Descriptions.Item>}
        </Descriptions>
      </Block>

      <Block
        id="ev-budget"
        highlighted={anchor === 'ev-budget'}
        title={
          <Space wrap size={8}>
            <span>{t('view.budget')}</span>
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>
              {t('view.moneyUnit', { unit: budget?.moneyUnit ?? '万元' })}
            </Typography.Text>
          </Space>
        }
        extra={extra('budget')}
      >
        <Table<BudgetRow>
          size="small"
          bordered
          tableLayout="fixed"
          pagination={false}
          columns={budgetColumns}
          dataSource={budgetRows}
          data-testid="budget-table"
        />
      </Block>

      {goals.map((g, gi) => {
        const rows = groups.byGoal.get(g.id) ?? [];
        return (
          <Block
            key={g.id}
            id={`ev-goal-${gi}`}
            highlighted={anchor === `ev-goal-${gi}`}
            title={
              <span>
                {t('view.goal', { n: gi + 1 })}：{g.text}
                {g.weight !== null && g.weight !== undefined && (
                  <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400, marginLeft: 8 }}>
                    {t('view.goalWeight', { weight: scoreText(g.weight) })}
                  </Typography.Text>
                )}
              </span>
            }
            extra={extra(`goals[${gi}]`)}
          >
            {g.outcome && (
              <Typography.Paragraph type="secondary" style={wrap}>
                {t('view.goalOutcome', { text: g.outcome })}
              </Typography.Paragraph>
            )}
            {rows.length > 0 && indicatorTable(rows, `indicators-goal-${gi}`)}
          </Block>
        );
      })}
      {groups.loose.length > 0 && (
        <Block
          id="ev-indicators"
          highlighted={anchor === 'ev-indicators'}
          title={goals.length > 0 ? t('view.noGoal') : t('view.indicators')}
        >
          {indicatorTable(groups.loose, 'indicators-loose')}
        </Block>
      )}

      <Block
        id="ev-total"
        highlighted={anchor === 'ev-total'}
        title={t('view.total')}
        extra={extra('totalReported')}
      >
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('view.totalReported')}>
            <Num testId="total-reported">{scoreText(totalReported)}</Num>
          </Descriptions.Item>
          <Descriptions.Item label={t('view.totalComputed')}>
            <Space size={8} wrap>
              <Computed
                reported={totalReported}
                computed={totalComputed}
                text={scoreText(totalComputed)}
                testId="total-computed"
              />
              {totalDiff && (
                <Tag color="error" data-testid="total-differs">
                  {t('view.totalDiffers', { diff: totalDiff })}
                </Tag>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('view.gradeReported')}>
            {ev.grade ?? score?.grade.reported ?? t('view.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('view.gradeComputed')}>
            <span data-testid="grade-computed">{score?.grade.computed ?? t('view.none')}</span>
          </Descriptions.Item>
        </Descriptions>
      </Block>

      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('view.narratives')}
      </Typography.Title>
      {narrative('deviationAnalysis')}
      {narrative('improvementPlan')}
      {narrative('conclusion')}
      {narrative('problems')}

      {score && score.notes.length > 0 && (
        <Block id="ev-notes" highlighted={false} title={t('view.notes')}>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {score.notes.map((n) => (
              <li key={n}>
                <Typography.Text type="secondary" style={wrap}>
                  {n}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </Block>
      )}
    </div>
  );
}
