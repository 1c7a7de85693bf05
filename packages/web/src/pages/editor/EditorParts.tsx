/**
 * The editor's blocks around the indicator grid: header, budget, goals, totals and narratives.
 * Each is memoised on the part of the document it shows, so typing in one block does not
 * re-render the others.
 */
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  LockOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { type Budget, dec, type Evaluation, type Goal, type Profile, type ScoreResult } from '@jixiao/core';
import { Button, Card, Col, Input, Popconfirm, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { memo, type ReactNode } from 'react';
import type { Comment } from '../../api/types.ts';
import { rateText, scoreText } from '../../components/figures.ts';
import { NumberCell } from '../../components/IndicatorGrid.tsx';
import { t } from '../../i18n/index.ts';
import { budgetId, fieldId, goalId, lineId } from './cellIds.ts';
import type { EditorAction } from './editorState.ts';

type Dispatch = (action: EditorAction) => void;

export function FieldLabel({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} style={{ display: 'block', fontSize: 13, color: '#595959', marginBottom: 2 }}>
      {children}
    </label>
  );
}

/** The reviewer's comments on one place, shown where the place is. */
export function PlaceComments({ comments }: { comments: Comment[] | undefined }) {
  if (!comments || comments.length === 0) return null;
  return (
    <div>
      {comments.map((c) => (
        <div key={c.id} data-testid="field-comment" style={{ marginTop: 4 }}>
          <Tag color="orange">{t('editor.row.comment')}</Tag>
          <Typography.Text style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
            {c.author.name}：{c.body}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}

function TextField({
  field,
  value,
  readOnly,
  dispatch,
  multiline = false,
  comments,
}: {
  field: string;
  value: string | null | undefined;
  readOnly: boolean;
  dispatch: Dispatch;
  multiline?: boolean;
  comments?: Comment[] | undefined;
}) {
  const id = fieldId(field);
  const onChange = (v: string) => dispatch({ type: 'set', path: [field], value: v === '' ? null : v });
  return (
    <div>
      <FieldLabel htmlFor={id}>{t(`editor.field.${field}`)}</FieldLabel>
      {multiline ? (
        <Input.TextArea
          id={id}
          value={value ?? ''}
          readOnly={readOnly}
          autoSize={{ minRows: 2, maxRows: 8 }}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Input id={id} value={value ?? ''} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} />
      )}
      <PlaceComments comments={comments} />
    </div>
  );
}

export const HeaderBlock = memo(function HeaderBlock({
  kind,
  unit,
  department,
  year,
  project,
  filledOn,
  readOnly,
  dispatch,
  commentsOf,
}: {
  kind: Evaluation['kind'];
  unit: string | null;
  department: string | null;
  year: number | null;
  project: string | null;
  filledOn: string | null;
  readOnly: boolean;
  dispatch: Dispatch;
  commentsOf: (path: string) => Comment[] | undefined;
}) {
  return (
    <Row gutter={[16, 8]}>
      <Col xs={24} md={8}>
        <TextField
          field="unit"
          value={unit}
          readOnly={readOnly}
          dispatch={dispatch}
          comments={commentsOf('unit')}
        />
      </Col>
      <Col xs={24} md={6}>
        <TextField
          field="department"
          value={department}
          readOnly={readOnly}
          dispatch={dispatch}
          comments={commentsOf('department')}
        />
      </Col>
      <Col xs={12} md={4}>
        <FieldLabel htmlFor={fieldId('year')}>{t('editor.field.year')}</FieldLabel>
        <NumberCell
          id={fieldId('year')}
          value={year}
          label={t('editor.field.year')}
          readOnly={readOnly}
          onCommit={(n) => dispatch({ type: 'set', path: ['year'], value: n })}
        />
        <PlaceComments comments={commentsOf('year')} />
      </Col>
      <Col xs={12} md={6}>
        <TextField
          field="filledOn"
          value={filledOn}
          readOnly={readOnly}
          dispatch={dispatch}
          comments={commentsOf('filledOn')}
        />
      </Col>
      {kind === 'project' && (
        <Col xs={24}>
          <TextField
            field="project"
            value={project}
            readOnly={readOnly}
            dispatch={dispatch}
            comments={commentsOf('project')}
          />
        </Col>
      )}
    </Row>
  );
});

const BUDGET_FIELDS = ['initial', 'planned', 'executed'] as const;

export const BudgetBlock = memo(function BudgetBlock({
  budget,
  kind,
  scoreBudget,
  profile,
  readOnly,
  dispatch,
}: {
  budget: Budget;
  kind: Evaluation['kind'];
  scoreBudget: ScoreResult['budget'] | null;
  profile: Profile;
  readOnly: boolean;
  dispatch: Dispatch;
}) {
  const set = (field: string, value: unknown) => dispatch({ type: 'set', path: ['budget', field], value });
  const num = (field: keyof Budget, label: string) => (
    <div>
      <FieldLabel htmlFor={budgetId(field)}>{label}</FieldLabel>
      <NumberCell
        id={budgetId(field)}
        value={(budget[field] as number | null | undefined) ?? null}
        label={label}
        readOnly={readOnly}
        onCommit={(n) => set(field, n)}
      />
    </div>
  );
  const pct = profile.rounding.percent;
  return (
    <div id="budget">
      <Typography.Text type="secondary">
        {t('editor.budget.moneyUnit', { unit: budget.moneyUnit })}
      </Typography.Text>
      <Row gutter={[16, 8]} style={{ marginTop: 8 }}>
        {kind === 'department' && <Col span={6}>{num('basicTotal', t('editor.budget.basicTotal'))}</Col>}
        {kind === 'department' && <Col span={6}>{num('projectTotal', t('editor.budget.projectTotal'))}</Col>}
        {kind === 'department' && <Col span={12} />}
        {BUDGET_FIELDS.map((f) => (
          <Col span={6} key={f}>
            {num(f, t(`editor.budget.${f}`))}
          </Col>
        ))}
        <Col span={6}>
          <FieldLabel htmlFor={budgetId('rate')}>{t('editor.budget.rateReported')}</FieldLabel>
          {/* printed as a percentage, stored as a fraction (100% → 1) */}
          <NumberCell
            id={budgetId('rate')}
            value={budget.rate === null ? null : dec(budget.rate).times(100).toNumber()}
            label={t('editor.budget.rateReported')}
            readOnly={readOnly}
            onCommit={(n) => set('rate', n === null ? null : percentToFraction(n))}
          />
        </Col>
        <Col span={6}>{num('weight', t('editor.budget.weight'))}</Col>
        <Col span={6}>{num('score', t('editor.budget.scoreReported'))}</Col>
        <Col span={6}>
          <Statistic
            title={t('editor.budget.rateComputed')}
            value={rateText(scoreBudget?.rate.computed ?? null, pct)}
            valueStyle={{ fontSize: 18 }}
            data-testid="budget-rate-computed"
          />
        </Col>
        <Col span={6}>
          <Tooltip title={scoreBudget?.explanation}>
            <div data-testid="budget-score-computed" style={{ cursor: 'help' }}>
              <Statistic
                title={t('editor.budget.scoreComputed')}
                value={scoreText(scoreBudget?.score.computed ?? null, profile.rounding.score)}
                suffix={
                  scoreBudget ? `/ ${scoreText(scoreBudget.weight, profile.rounding.score)}` : undefined
                }
                valueStyle={{ fontSize: 18 }}
              />
            </div>
          </Tooltip>
        </Col>
      </Row>
      <BudgetLines lines={budget.lines} readOnly={readOnly} dispatch={dispatch} />
    </div>
  );
});

/** 100 (%) → 1, exactly (decimal), so 99.96 does not become 0.9996000000000001. */
function percentToFraction(n: number): number {
  return dec(n).dividedBy(100).toNumber();
}

const BudgetLines = memo(function BudgetLines({
  lines,
  readOnly,
  dispatch,
}: {
  lines: Budget['lines'];
  readOnly: boolean;
  dispatch: Dispatch;
}) {
  return (
    <div id="budget-lines" style={{ marginTop: 12 }}>
      <Typography.Text strong>{t('editor.budget.lines')}</Typography.Text>
      {lines.length === 0 && (
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          {t('editor.budget.noLines')}
        </Typography.Text>
      )}
      {lines.map((line, i) => {
        const n = i + 1;
        const label = (field: string) => t('editor.budget.line.n', { n, field });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id; position is their identity
          <Row gutter={8} key={i} style={{ marginTop: 6 }} align="middle">
            <Col span={7}>
              <Input
                id={lineId(i, 'label')}
                aria-label={label(t('editor.budget.line.label'))}
                placeholder={t('editor.budget.line.label')}
                value={line.label}
                readOnly={readOnly}
                onChange={(e) =>
                  dispatch({ type: 'set', path: ['budget', 'lines', i, 'label'], value: e.target.value })
                }
              />
            </Col>
            {BUDGET_FIELDS.map((f) => (
              <Col span={5} key={f}>
                <NumberCell
                  id={lineId(i, f)}
                  value={line[f]}
                  label={label(t(`editor.budget.${f}`))}
                  readOnly={readOnly}
                  onCommit={(v) => dispatch({ type: 'set', path: ['budget', 'lines', i, f], value: v })}
                />
              </Col>
            ))}
            <Col span={2}>
              {!readOnly && (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('action.delete') + label('')}
                  onClick={() => dispatch({ type: 'removeBudgetLine', index: i })}
                />
              )}
            </Col>
          </Row>
        );
      })}
      {!readOnly && (
        <div style={{ marginTop: 6 }}>
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => dispatch({ type: 'addBudgetLine' })}
          >
            {t('editor.budget.addLine')}
          </Button>
        </div>
      )}
    </div>
  );
});

export const GoalsBlock = memo(function GoalsBlock({
  goals,
  counts,
  locked,
  readOnly,
  dispatch,
  commentsOf,
  withOutcome = true,
}: {
  goals: readonly Goal[];
  /** 实际完成情况: a self-evaluation has it, a target declaration not yet */
  withOutcome?: boolean;
  /** indicators per goal id */
  counts: ReadonlyMap<string, number>;
  locked: boolean;
  readOnly: boolean;
  dispatch: Dispatch;
  commentsOf: (path: string) => Comment[] | undefined;
}) {
  const structural = !readOnly && !locked;
  return (
    <div id="goals">
      {goals.map((g, i) => {
        const n = i + 1;
        return (
          <Card
            key={g.id}
            size="small"
            style={{ marginBottom: 8 }}
            title={
              <Space>
                {t('editor.goal.n', { n })}
                {locked && (
                  <Tooltip title={t('editor.locked')}>
                    <LockOutlined aria-label={t('editor.locked')} />
                  </Tooltip>
                )}
              </Space>
            }
            extra={
              structural && (
                <Space size={0}>
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowUpOutlined />}
                    aria-label={t('editor.goal.moveUp', { n })}
                    disabled={i === 0}
                    onClick={() => dispatch({ type: 'moveGoal', index: i, direction: -1 })}
                  />
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowDownOutlined />}
                    aria-label={t('editor.goal.moveDown', { n })}
                    disabled={i === goals.length - 1}
                    onClick={() => dispatch({ type: 'moveGoal', index: i, direction: 1 })}
                  />
                  <Popconfirm
                    title={t('editor.goal.deleteConfirm', { n, count: counts.get(g.id) ?? 0 })}
                    onConfirm={() => dispatch({ type: 'removeGoal', index: i })}
                  >
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('editor.goal.delete', { n })}
                    />
                  </Popconfirm>
                </Space>
              )
            }
          >
            <Row gutter={8}>
              <Col flex="auto">
                <Input.TextArea
                  id={goalId(i, 'text')}
                  aria-label={t('editor.goal.text', { n })}
                  value={g.text}
                  readOnly={readOnly || locked}
                  autoSize={{ minRows: 1, maxRows: 5 }}
                  onChange={(e) =>
                    dispatch({ type: 'set', path: ['goals', i, 'text'], value: e.target.value })
                  }
                />
              </Col>
              <Col flex="96px">
                <NumberCell
                  id={goalId(i, 'weight')}
                  value={g.weight}
                  label={t('editor.goal.weight', { n })}
                  readOnly={readOnly || locked}
                  onCommit={(v) => dispatch({ type: 'set', path: ['goals', i, 'weight'], value: v })}
                />
              </Col>
            </Row>
            {withOutcome && (
              <Input.TextArea
                id={goalId(i, 'outcome')}
                aria-label={t('editor.goal.outcome', { n })}
                placeholder={t('editor.goal.outcomeLabel')}
                value={g.outcome ?? ''}
                readOnly={readOnly}
                autoSize={{ minRows: 1, maxRows: 5 }}
                style={{ marginTop: 6 }}
                onChange={(e) =>
                  dispatch({
                    type: 'set',
                    path: ['goals', i, 'outcome'],
                    value: e.target.value === '' ? null : e.target.value,
                  })
                }
              />
            )}
            <PlaceComments comments={commentsOf(`goals[${i}]`)} />
          </Card>
        );
      })}
      {structural && (
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => dispatch({ type: 'addGoal' })}>
          {t('editor.goal.add')}
        </Button>
      )}
    </div>
  );
});

export const TotalsBlock = memo(function TotalsBlock({
  totalReported,
  grade,
  totals,
  gradeComputed,
  profile,
  readOnly,
  dispatch,
  commentsOf,
}: {
  totalReported: number | null;
  grade: string | null;
  totals: ScoreResult['totals'] | null;
  gradeComputed: string | null;
  profile: Profile;
  readOnly: boolean;
  dispatch: Dispatch;
  commentsOf: (path: string) => Comment[] | undefined;
}) {
  const places = profile.rounding.score;
  return (
    <Row gutter={[16, 8]} align="bottom">
      <Col span={5}>
        <Tooltip title={totals && !totals.computedComplete ? t('editor.incomplete') : undefined}>
          <div data-testid="total-computed">
            <Statistic
              title={t('editor.total.computed')}
              value={scoreText(totals?.computed ?? null, places)}
              valueStyle={{ fontSize: 20, color: '#b4232a' }}
            />
          </div>
        </Tooltip>
      </Col>
      <Col span={5}>
        <div data-testid="total-reported-sum">
          <Statistic
            title={t('editor.total.reportedSum')}
            value={scoreText(totals?.reportedSum ?? null, places)}
            valueStyle={{ fontSize: 20 }}
          />
        </div>
      </Col>
      <Col span={4}>
        <div data-testid="grade-computed">
          <Statistic
            title={t('editor.grade.computed')}
            value={gradeComputed ?? '—'}
            valueStyle={{ fontSize: 20 }}
          />
        </div>
      </Col>
      <Col span={5}>
        <FieldLabel htmlFor={fieldId('totalReported')}>{t('editor.total.reported')}</FieldLabel>
        <NumberCell
          id={fieldId('totalReported')}
          value={totalReported}
          label={t('editor.total.reported')}
          readOnly={readOnly}
          onCommit={(n) => dispatch({ type: 'set', path: ['totalReported'], value: n })}
        />
        <PlaceComments comments={commentsOf('totalReported')} />
      </Col>
      <Col span={5}>
        <FieldLabel htmlFor={fieldId('grade')}>{t('editor.grade.reported')}</FieldLabel>
        <select
          id={fieldId('grade')}
          value={grade ?? ''}
          disabled={readOnly}
          onChange={(e) =>
            dispatch({ type: 'set', path: ['grade'], value: e.target.value === '' ? null : e.target.value })
          }
          style={{
            width: '100%',
            height: 32,
            border: '1px solid #d9d9d9',
            borderRadius: 4,
            background: '#fff',
          }}
        >
          <option value="">{t('editor.pick')}</option>
          {grade !== null && !profile.gradeBands.some((b) => b.grade === grade) && (
            <option value={grade}>{grade}</option>
          )}
          {profile.gradeBands.map((b) => (
            <option key={b.grade} value={b.grade}>
              {b.grade}
            </option>
          ))}
        </select>
        <PlaceComments comments={commentsOf('grade')} />
      </Col>
    </Row>
  );
});

export const NARRATIVES = ['deviationAnalysis', 'improvementPlan', 'conclusion', 'problems'] as const;

export const NarrativeBlock = memo(function NarrativeBlock({
  values,
  readOnly,
  dispatch,
  commentsOf,
}: {
  values: readonly (string | null | undefined)[];
  readOnly: boolean;
  dispatch: Dispatch;
  commentsOf: (path: string) => Comment[] | undefined;
}) {
  return (
    <Row gutter={[16, 12]}>
      {NARRATIVES.map((f, i) => (
        <Col span={12} key={f}>
          <TextField
            field={f}
            value={values[i]}
            readOnly={readOnly}
            dispatch={dispatch}
            multiline
            comments={commentsOf(f)}
          />
        </Col>
      ))}
    </Row>
  );
});
