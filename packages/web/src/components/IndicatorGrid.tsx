/**
 * The indicator grid of the editor (绩效指标), grouped by goal: 一级/二级 pickers from the
 * taxonomy, 三级指标, target and actual with how they were parsed, weight, the computed score
 * with its explanation, the reported score and the deviation note.
 *
 * Each row is memoised on plain props, so typing in one row re-renders that row only; the
 * document lives in the page's reducer and rows dispatch edits to it.
 *
 * Keyboard: Tab moves through the inputs; Enter moves to the same column of the next row;
 * Alt (or Ctrl) + ↑/↓ moves to the same column of the row above/below.
 */
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  LockOutlined,
  MessageOutlined,
  PlusOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import {
  type Evaluation,
  type Goal,
  type Indicator,
  LEVEL1_LABELS,
  TAXONOMY,
  type Value,
} from '@jixiao/core';
import { Button, Tooltip, Typography } from 'antd';
import {
  type ChangeEvent,
  type KeyboardEvent,
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useState,
} from 'react';
import type { Comment } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import type { EditorAction } from '../pages/editor/editorState.ts';
import { groupRows, parseNumberText } from '../pages/editor/editorState.ts';
import { scoreText } from './figures.ts';

export type GridMode = 'self-evaluation' | 'targets';

/** What the grid shows of the score of one row (plain values, so rows memoise). */
export interface RowScore {
  computed: number | null;
  explanation: string;
  status: string;
}

export interface IndicatorGridProps {
  doc: Evaluation;
  mode: GridMode;
  /** goals, names, targets and weights come from approved targets and may not change */
  locked: boolean;
  readOnly: boolean;
  scores: readonly (RowScore | undefined)[];
  /** the worst finding severity per row */
  severities: readonly ('error' | 'warning' | 'info' | undefined)[];
  commentsByRow: ReadonlyMap<number, Comment[]>;
  scorePlaces: number;
  dispatch: (action: EditorAction) => void;
}

const OPS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

/** How a target or actual was read: "≥ 12 次", "90–95 %", 定性, 无法解析为数值. */
export function parsedText(v: Value): string {
  if (v.kind === 'empty') return t('editor.parsed.empty');
  if (v.kind === 'quantitative' && v.value !== null) {
    const op = v.op ? `${OPS[v.op] ?? v.op} ` : '';
    const upper = v.upper !== undefined && v.upper !== null ? `–${v.upper}` : '';
    return `${op}${v.value}${upper}${v.unit ? ` ${v.unit}` : ''}`;
  }
  if (v.kind === 'deadline') return t('editor.parsed.deadline');
  // words alone are a qualitative target; digits that gave no single number were not understood
  return /\d/.test(v.raw) ? t('editor.parsed.unparsed') : t('editor.parsed.qualitative');
}

const NON_STANDARD = { color: '#d4380d' } as const;
const cellStyle = { padding: '4px 4px', verticalAlign: 'top' } as const;

/** A number typed as text: kept as typed while it is being written ("12."), stored as a number. */
function NumberCell({
  id,
  value,
  label,
  readOnly,
  onCommit,
  nav,
}: {
  id: string;
  value: number | null;
  label: string;
  readOnly: boolean;
  onCommit: (n: number | null) => void;
  nav?: { row: number; col: string };
}) {
  const [text, setText] = useState(value === null ? '' : String(value));
  useEffect(() => {
    // follow changes from outside (a merge, undo of a conflict) but not our own typing
    setText((cur) => {
      const parsed = parseNumberText(cur);
      // a bad text is stored as null: keep showing what was typed so it can be corrected
      if (parsed === value || (parsed === undefined && value === null)) return cur;
      return value === null ? '' : String(value);
    });
  }, [value]);
  const bad = parseNumberText(text) === undefined;
  return (
    <input
      id={id}
      title={bad ? t('editor.notNumber') : undefined}
      aria-label={label}
      aria-invalid={bad || undefined}
      value={text}
      readOnly={readOnly}
      inputMode="decimal"
      className="jx-cell num"
      data-nav-row={nav?.row}
      data-col={nav?.col}
      onChange={(e: ChangeEvent<HTMLInputElement>) => {
        setText(e.target.value);
        const n = parseNumberText(e.target.value);
        onCommit(n === undefined ? null : n);
      }}
    />
  );
}

export { NumberCell };

function LabelSelect({
  id,
  value,
  options,
  label,
  disabled,
  onChange,
  nav,
}: {
  id: string;
  value: string | null;
  options: readonly string[];
  label: string;
  disabled: boolean;
  onChange: (v: string | null) => void;
  nav: { row: number; col: string };
}) {
  const known = value === null || options.includes(value);
  return (
    <select
      id={id}
      aria-label={label}
      value={value ?? ''}
      disabled={disabled}
      className="jx-cell"
      style={known ? undefined : NON_STANDARD}
      data-nav-row={nav.row}
      data-col={nav.col}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
    >
      <option value="">{t('editor.pick')}</option>
      {!known && value !== null && <option value={value}>{t('editor.nonStandard', { label: value })}</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

function level2Options(level1: string | null): string[] {
  return TAXONOMY.level2
    .filter((e) => level1 === null || (e.parents as readonly string[]).includes(level1))
    .map((e) => e.label);
}

interface RowProps {
  index: number;
  /** position in display order, for keyboard moves */
  navRow: number;
  indicator: Indicator;
  mode: GridMode;
  locked: boolean;
  readOnly: boolean;
  computed: number | null;
  explanation: string;
  status: string;
  severity: 'error' | 'warning' | 'info' | undefined;
  canUp: boolean;
  canDown: boolean;
  comments: Comment[] | undefined;
  scorePlaces: number;
  dispatch: (action: EditorAction) => void;
}

const IndicatorRow = memo(function IndicatorRow(p: RowProps) {
  const { index: i, indicator: ind, dispatch, navRow } = p;
  const row = i + 1;
  const label = (col: string) => t('editor.cell', { row, col: t(`editor.col.${col}`) });
  const set = (field: keyof Indicator, value: unknown) =>
    dispatch({ type: 'set', path: ['indicators', i, field], value });
  const lockTargets = p.locked || p.readOnly;
  const self = p.mode === 'self-evaluation';
  const border =
    p.severity === 'error'
      ? '3px solid #ff4d4f'
      : p.severity === 'warning'
        ? '3px solid #faad14'
        : '3px solid transparent';
  const span = self ? 9 : 6;
  return (
    <tbody data-testid="indicator-row" data-row={i} style={{ borderBottom: '1px solid #f0f0f0' }}>
      <tr>
        <td style={{ ...cellStyle, borderLeft: border, textAlign: 'right', width: 40 }} rowSpan={2}>
          <span className="jx-muted">{row}</span>
          {ind.core && <div title="★">★</div>}
        </td>
        <td style={{ ...cellStyle, width: 100 }}>
          <LabelSelect
            id={`cell-${i}-level1`}
            value={ind.level1}
            options={LEVEL1_LABELS}
            label={label('level1')}
            disabled={lockTargets}
            onChange={(v) => set('level1', v)}
            nav={{ row: navRow, col: 'level1' }}
          />
        </td>
        <td style={{ ...cellStyle, width: 118 }}>
          <LabelSelect
            id={`cell-${i}-level2`}
            value={ind.level2}
            options={level2Options(ind.level1)}
            label={label('level2')}
            disabled={lockTargets}
            onChange={(v) => set('level2', v)}
            nav={{ row: navRow, col: 'level2' }}
          />
        </td>
        <td style={cellStyle}>
          <textarea
            className="jx-cell jx-grow"
            id={`cell-${i}-name`}
            aria-label={label('name')}
            value={ind.name}
            readOnly={lockTargets}
            rows={1}
            data-nav-row={navRow}
            data-col="name"
            onChange={(e) => set('name', e.target.value)}
          />
        </td>
        <td style={{ ...cellStyle, width: 112 }}>
          <input
            className="jx-cell"
            id={`cell-${i}-target`}
            aria-label={label('target')}
            value={ind.target.raw}
            readOnly={lockTargets}
            data-nav-row={navRow}
            data-col="target"
            onChange={(e) => dispatch({ type: 'setValue', index: i, field: 'target', raw: e.target.value })}
          />
          <div className="parsed" data-testid={`parsed-${i}-target`} style={parsedStyle}>
            {parsedText(ind.target)}
          </div>
        </td>
        {self && (
          <td style={{ ...cellStyle, width: 112 }}>
            <input
              className="jx-cell"
              id={`cell-${i}-actual`}
              aria-label={label('actual')}
              value={ind.actual.raw}
              readOnly={p.readOnly}
              data-nav-row={navRow}
              data-col="actual"
              onChange={(e) => dispatch({ type: 'setValue', index: i, field: 'actual', raw: e.target.value })}
            />
            <div className="parsed" data-testid={`parsed-${i}-actual`} style={parsedStyle}>
              {parsedText(ind.actual)}
            </div>
          </td>
        )}
        <td style={{ ...cellStyle, width: 68 }}>
          <NumberCell
            id={`cell-${i}-weight`}
            value={ind.weight}
            label={label('weight')}
            readOnly={lockTargets}
            onCommit={(n) => set('weight', n)}
            nav={{ row: navRow, col: 'weight' }}
          />
        </td>
        {self && (
          <td style={{ ...cellStyle, width: 68, textAlign: 'right', paddingTop: 9 }}>
            <span
              className="num"
              data-testid={`computed-${i}`}
              title={p.explanation || undefined}
              style={{ cursor: 'help', borderBottom: '1px dotted #999' }}
            >
              {scoreText(p.computed, p.scorePlaces)}
            </span>
          </td>
        )}
        {self && (
          <td style={{ ...cellStyle, width: 68 }}>
            <NumberCell
              id={`cell-${i}-score`}
              value={ind.score}
              label={label('score')}
              readOnly={p.readOnly}
              onCommit={(n) => set('score', n)}
              nav={{ row: navRow, col: 'score' }}
            />
          </td>
        )}
      </tr>
      <tr>
        <td colSpan={span - 3} style={{ ...cellStyle, paddingTop: 0 }}>
          {self && (
            <textarea
              className="jx-cell jx-grow"
              id={`cell-${i}-deviation`}
              aria-label={label('deviation')}
              placeholder={t('editor.col.deviation')}
              value={ind.deviation ?? ''}
              readOnly={p.readOnly}
              rows={1}
              data-nav-row={navRow}
              data-col="deviation"
              onChange={(e) => set('deviation', e.target.value === '' ? null : e.target.value)}
            />
          )}
          {p.comments?.map((c) => (
            <div key={c.id} data-testid="row-comment" style={{ marginTop: 4 }}>
              <span className="jx-comment-tag">
                <MessageOutlined /> {t('editor.row.comment')}
              </span>
              <span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
                {c.author.name}：{c.body}
              </span>
            </div>
          ))}
        </td>
        <td colSpan={2} style={{ ...cellStyle, paddingTop: 0, textAlign: 'right', whiteSpace: 'nowrap' }}>
          {!p.readOnly && !p.locked && (
            <>
              <button
                type="button"
                className="jx-icon-btn"
                aria-label={t('editor.row.moveUp', { row })}
                title={t('editor.row.moveUp', { row })}
                disabled={!p.canUp}
                onClick={() => dispatch({ type: 'moveIndicator', index: i, direction: -1 })}
              >
                <ArrowUpOutlined />
              </button>
              <button
                type="button"
                className="jx-icon-btn"
                aria-label={t('editor.row.moveDown', { row })}
                title={t('editor.row.moveDown', { row })}
                disabled={!p.canDown}
                onClick={() => dispatch({ type: 'moveIndicator', index: i, direction: 1 })}
              >
                <ArrowDownOutlined />
              </button>
              <button
                type="button"
                className="jx-icon-btn jx-danger"
                aria-label={t('editor.row.delete', { row })}
                title={t('editor.row.delete', { row })}
                onClick={() => dispatch({ type: 'removeIndicator', index: i })}
              >
                <DeleteOutlined />
              </button>
            </>
          )}
        </td>
      </tr>
    </tbody>
  );
});

/**
 * The grid's cells are plain inputs styled like antd's: a 200-row form has some 2,000 of them,
 * and antd components cost too much each to mount and re-render that many. Text areas grow with
 * their text through CSS field-sizing instead of measuring on every keystroke.
 */
export const GRID_CSS = `
.jx-cell { box-sizing: border-box; width: 100%; min-height: 32px; padding: 4px 8px; font: inherit; font-size: 14px;
  line-height: 22px; color: rgba(0,0,0,0.88); background: #fff; border: 1px solid #d9d9d9; border-radius: 4px;
  transition: border-color .2s; }
.jx-cell:hover { border-color: #d9545a; }
.jx-cell:focus { border-color: #b4232a; outline: none; box-shadow: 0 0 0 2px rgba(180,35,42,0.15); }
.jx-cell:focus-visible { outline: 2px solid #1677ff; outline-offset: 1px; }
.jx-cell[readonly], select.jx-cell:disabled { background: #f5f5f5; color: rgba(0,0,0,0.65); }
.jx-cell[aria-invalid="true"] { border-color: #ff4d4f; }
.jx-cell.num { text-align: right; font-variant-numeric: tabular-nums; }
.jx-grow { field-sizing: content; max-height: 120px; resize: none; display: block; }
select.jx-cell { height: 32px; padding: 0 2px; font-size: 13px; }
.jx-muted { color: rgba(0,0,0,0.45); }
.jx-icon-btn { border: 0; background: transparent; width: 26px; height: 26px; border-radius: 4px; cursor: pointer;
  color: rgba(0,0,0,0.65); }
.jx-icon-btn:hover:not(:disabled) { background: rgba(0,0,0,0.06); }
.jx-icon-btn:disabled { color: rgba(0,0,0,0.25); cursor: not-allowed; }
.jx-icon-btn.jx-danger { color: #ff4d4f; }
.jx-comment-tag { display: inline-block; margin-right: 6px; padding: 0 6px; font-size: 12px; line-height: 20px;
  color: #d46b08; background: #fff7e6; border: 1px solid #ffd591; border-radius: 4px; }
`;

/** The grid's style sheet, rendered once by each page that uses the grid or its cells. */
export function GridStyles() {
  return <style>{GRID_CSS}</style>;
}

const parsedStyle = { fontSize: 12, color: '#8c8c8c', paddingLeft: 4, lineHeight: '18px' } as const;

function Header({ mode, locked }: { mode: GridMode; locked: boolean }) {
  const lock = locked ? (
    <Tooltip title={t('editor.locked')}>
      <LockOutlined aria-label={t('editor.locked')} style={{ marginLeft: 4, color: '#8c8c8c' }} />
    </Tooltip>
  ) : null;
  const th = (key: string, width?: number, locks = false, align: 'left' | 'right' = 'left') => (
    <th
      key={key}
      style={{
        ...cellStyle,
        width,
        textAlign: align,
        fontWeight: 600,
        background: '#fafafa',
        whiteSpace: 'nowrap',
      }}
    >
      {t(`editor.col.${key}`)}
      {locks && lock}
    </th>
  );
  return (
    <thead>
      <tr>
        {th('no', 40, false, 'right')}
        {th('level1', 100, true)}
        {th('level2', 118, true)}
        {th('name', undefined, true)}
        {th('target', 112, true)}
        {mode === 'self-evaluation' && th('actual', 112)}
        {th('weight', 68, true, 'right')}
        {mode === 'self-evaluation' && th('computed', 68, false, 'right')}
        {mode === 'self-evaluation' && th('score', 68, false, 'right')}
      </tr>
    </thead>
  );
}

/** Enter / Alt+↑↓ / Ctrl+↑↓: to the same column of the next or previous row. */
function onGridKeyDown(e: KeyboardEvent<HTMLElement>) {
  const el = e.target as HTMLElement;
  const row = el.getAttribute('data-nav-row');
  const col = el.getAttribute('data-col');
  if (row === null || col === null) return;
  let step = 0;
  if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.nativeEvent.isComposing)
    step = 1;
  else if ((e.altKey || e.ctrlKey) && e.key === 'ArrowDown') step = 1;
  else if ((e.altKey || e.ctrlKey) && e.key === 'ArrowUp') step = -1;
  if (step === 0) return;
  e.preventDefault();
  const next = e.currentTarget.querySelector<HTMLElement>(
    `[data-nav-row="${Number(row) + step}"][data-col="${col}"]`,
  );
  if (next) {
    next.focus();
    if (next instanceof HTMLInputElement || next instanceof HTMLTextAreaElement) next.select();
  }
}

export function IndicatorGrid(props: IndicatorGridProps) {
  const { doc, mode, locked, readOnly, dispatch } = props;
  const groups = groupRows(doc);
  const addTo = useCallback((goal: string | null) => dispatch({ type: 'addIndicator', goal }), [dispatch]);
  let nav = 0;
  const colSpan = mode === 'self-evaluation' ? 9 : 6;
  return (
    <fieldset
      id="indicator-grid"
      aria-label={t('editor.grid')}
      onKeyDown={onGridKeyDown}
      style={{ overflowX: 'auto', border: 0, margin: 0, padding: 0, minWidth: 0 }}
    >
      <GridStyles />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        <Tooltip title={t('editor.grid.help')}>
          <Button
            type="link"
            size="small"
            icon={<QuestionCircleOutlined />}
            data-testid="grid-help"
            style={{ padding: 0 }}
          >
            {t('editor.grid.helpLabel')}
          </Button>
        </Tooltip>
      </Typography.Paragraph>
      <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', minWidth: 720 }}>
        <Header mode={mode} locked={locked} />
        {groups.map((g) => (
          <GroupRows
            key={g.goal?.id ?? '__none'}
            goal={g.goal}
            goalIndex={g.goal ? doc.goals.indexOf(g.goal) : -1}
            colSpan={colSpan}
            canAdd={!readOnly && !locked}
            onAdd={addTo}
          >
            {g.rows.map((i, k) => {
              const navRow = nav++;
              const s = props.scores[i];
              const ind = doc.indicators[i] as Indicator;
              return (
                <IndicatorRow
                  key={i}
                  index={i}
                  navRow={navRow}
                  indicator={ind}
                  mode={mode}
                  locked={locked}
                  readOnly={readOnly}
                  computed={s?.computed ?? null}
                  explanation={s?.explanation ?? ''}
                  status={s?.status ?? ''}
                  severity={props.severities[i]}
                  canUp={k > 0}
                  canDown={k < g.rows.length - 1}
                  comments={props.commentsByRow.get(i)}
                  scorePlaces={props.scorePlaces}
                  dispatch={dispatch}
                />
              );
            })}
          </GroupRows>
        ))}
      </table>
      {doc.indicators.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ padding: 12 }}>
          {t('editor.noIndicators')}
        </Typography.Paragraph>
      )}
    </fieldset>
  );
}

function GroupRows({
  goal,
  goalIndex,
  colSpan,
  canAdd,
  onAdd,
  children,
}: {
  goal: Goal | null;
  goalIndex: number;
  colSpan: number;
  canAdd: boolean;
  onAdd: (goal: string | null) => void;
  children: ReactNode;
}) {
  const name = goal ? t('editor.goal.n', { n: goalIndex + 1 }) : t('editor.goal.none');
  return (
    <>
      <tbody>
        <tr>
          <td colSpan={colSpan} style={{ padding: '8px 4px 4px', background: '#fff7f6' }}>
            <Typography.Text strong>{name}</Typography.Text>
            {goal && (
              <Typography.Text
                type="secondary"
                style={{ marginLeft: 8, whiteSpace: 'normal', wordBreak: 'break-word' }}
              >
                {goal.text}
              </Typography.Text>
            )}
          </td>
        </tr>
      </tbody>
      {children}
      {canAdd && (
        <tbody>
          <tr>
            <td colSpan={colSpan} style={{ padding: '2px 4px 8px' }}>
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => onAdd(goal?.id ?? null)}
                aria-label={t('editor.row.addTo', { goal: name })}
              >
                {t('editor.row.add')}
              </Button>
            </td>
          </tr>
        </tbody>
      )}
    </>
  );
}
