/**
 * 编辑器: a self-evaluation (绩效自评表) or a target declaration (绩效目标申报表) being filled in.
 *
 * The document is a reducer over core's `Evaluation`; the browser scores and checks it with
 * core as the person types (debounced), exactly as the server will. Saving is optimistic
 * (If-Match); when someone else saved first, the conflict dialog shows what differs and the
 * person keeps theirs (merged onto the new version) or takes the server's — nothing is lost
 * silently.
 */
import { LockOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import {
  check,
  countFindings,
  dec,
  type Evaluation,
  type Finding,
  getProfile,
  type Profile,
  type ScoreResult,
  score,
  type ValidationError,
  validate,
} from '@jixiao/core';
import { Alert, App, Badge, Button, Card, Col, Flex, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, isApiError, request } from '../../api/client.ts';
import type { Comment, EvaluationDetail } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ExportMenu } from '../../components/ExportMenu.tsx';
import { FindingsList } from '../../components/FindingsList.tsx';
import { IndicatorGrid, type RowScore } from '../../components/IndicatorGrid.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { t } from '../../i18n/index.ts';
import { focusPath } from './cellIds.ts';
import { diffDocuments, type FieldDifference, keepMine } from './diff.ts';
import { AdjustmentDialog, ConflictDialog } from './EditorDialogs.tsx';
import {
  BudgetBlock,
  GoalsBlock,
  HeaderBlock,
  NARRATIVES,
  NarrativeBlock,
  TotalsBlock,
} from './EditorParts.tsx';
import { countByGoal, type EditorAction, editorReducer } from './editorState.ts';

/** Findings only the server can make (it knows the approved targets); kept from the last load. */
const SERVER_FINDINGS = new Set(['targets-not-approved', 'targets-changed']);
const DEBOUNCE_MS = 150;
/** errors come first, so the first ones shown are the ones that matter */
const FINDINGS_SHOWN = 60;

interface Assessment {
  score: ScoreResult;
  findings: Finding[];
  /** how long score() + check() took, in milliseconds */
  ms: number;
  /** which assessment this is: two in a row can take the same time, each has its own number */
  seq: number;
}

let assessments = 0;

/**
 * What a target declaration is about: goals, indicators, their targets and weights. Findings on
 * the budget, actual values, scores or narratives belong to the year-end self-evaluation.
 */
const TARGETS_PATH = /^(goals|indicators)(\[\d+\](\.(goal|level1|level2|name|target|weight|text)\b.*)?)?$/;

function assess(
  doc: Evaluation,
  profile: Profile,
  extra: readonly Finding[],
  targetsOnly: boolean,
): Assessment {
  const started = performance.now();
  const result = score(doc, profile);
  const all = check(doc, profile, [], { score: result });
  const ms = performance.now() - started;
  const findings = targetsOnly ? all.filter((f) => TARGETS_PATH.test(f.path)) : all;
  assessments += 1;
  return { score: result, findings: [...extra, ...findings], ms, seq: assessments };
}

function normalise(detail: EvaluationDetail): Evaluation {
  const v = validate(detail.evaluation);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join('；'));
  return v.evaluation;
}

interface Loaded {
  detail: EvaluationDetail;
  doc: Evaluation;
}

export default function EditorPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  const userRef = useRef(session.user);
  userRef.current = session.user;
  const userKey = session.user ? `${session.user.id}:${session.user.role}:${session.user.unitId}` : '';
  useEffect(() => {
    if (userKey === '') return; // signed out: the route sends the visitor to the login page
    let live = true;
    setLoaded(null);
    setError(null);
    api
      .get<EvaluationDetail>(`/api/evaluations/${encodeURIComponent(id)}`)
      .then((detail) => {
        if (!live) return;
        const user = userRef.current;
        const unitPerson =
          !!user && (user.role === 'filler' || user.role === 'approver') && user.unitId === detail.unit.id;
        const editable = unitPerson && detail.status === 'draft';
        // Reviewers and admins never edit; a self-evaluation past draft is read on the review page.
        if (!unitPerson || (detail.stage === 'self-evaluation' && !editable)) {
          navigate(`/evaluations/${encodeURIComponent(id)}/review`, { replace: true });
          return;
        }
        setLoaded({ detail, doc: normalise(detail) });
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
    // the user's identity, not the session object: a session refresh must not reload (and lose) the edit
  }, [id, userKey, navigate]);

  if (error) return <Result status="warning" title={t('editor.loadFailed', { message: error })} />;
  if (!loaded) return <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <Editor
      key={`${id}:${loaded.detail.version}:${loaded.detail.status}`}
      initial={loaded}
      onReload={setLoaded}
    />
  );
}

function Editor({ initial, onReload }: { initial: Loaded; onReload: (l: Loaded) => void }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const id = initial.detail.id;
  const [detail, setDetail] = useState(initial.detail);
  const [base, setBase] = useState(initial.doc);
  const [doc, dispatchDoc] = useReducer(editorReducer, initial.doc);
  const dispatch = useCallback((a: EditorAction) => dispatchDoc(a), []);
  const dirty = doc !== base;
  const stage = detail.stage;
  const self = stage === 'self-evaluation';
  const readOnly = detail.status !== 'draft';
  const locked = self && detail.targets !== null;
  const profile = useMemo(
    () => getProfile(detail.profile) ?? (getProfile('national-2020') as Profile),
    [detail.profile],
  );

  // --- live scoring and checks -------------------------------------------------------------
  const extra = useMemo(() => detail.findings.filter((f) => SERVER_FINDINGS.has(f.code)), [detail.findings]);
  const [assessment, setAssessment] = useState<Assessment>(() => assess(initial.doc, profile, extra, !self));
  useEffect(() => {
    const timer = setTimeout(() => setAssessment(assess(doc, profile, extra, !self)), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [doc, profile, extra, self]);

  const rowScores = useMemo<RowScore[]>(
    () =>
      assessment.score.indicators.map((s) => ({
        computed: s.computed,
        explanation: s.explanation,
        status: s.status,
      })),
    [assessment.score],
  );
  const severities = useMemo(() => {
    const out: ('error' | 'warning' | 'info' | undefined)[] = [];
    const rank = { error: 0, warning: 1, info: 2 } as const;
    for (const f of assessment.findings) {
      const m = /^indicators\[(\d+)\]/.exec(f.path);
      if (!m) continue;
      const i = Number(m[1]);
      const cur = out[i];
      if (cur === undefined || rank[f.severity] < rank[cur]) out[i] = f.severity;
    }
    return out;
  }, [assessment.findings]);
  // A new array of the same findings must not re-render the list (it is long on big forms).
  const findingsKey = assessment.findings
    .map((f) => `${f.severity}|${f.code}|${f.path}|${f.message}`)
    .join('\n');
  const findingsRef = useRef({ key: '', list: assessment.findings });
  if (findingsRef.current.key !== findingsKey)
    findingsRef.current = { key: findingsKey, list: assessment.findings };
  const stableFindings = findingsRef.current.list;
  const [showAll, setShowAll] = useState(false);
  const findingsPanel = useMemo(
    () => (
      <>
        <FindingsList
          findings={showAll ? stableFindings : stableFindings.slice(0, FINDINGS_SHOWN)}
          onSelect={focusPath}
          compact
        />
        {!showAll && stableFindings.length > FINDINGS_SHOWN && (
          <Button type="link" onClick={() => setShowAll(true)}>
            {t('editor.findings.more', { count: stableFindings.length })}
          </Button>
        )}
      </>
    ),
    [stableFindings, showAll],
  );
  const counts = useMemo(() => countFindings(assessment.findings), [assessment.findings]);

  // --- comments of the last return ---------------------------------------------------------
  const [comments, setComments] = useState<Comment[]>([]);
  useEffect(() => {
    api
      .get<{ items: Comment[] }>(`/api/evaluations/${encodeURIComponent(id)}/comments`)
      .then((r) => setComments(r.items))
      .catch(() => setComments([]));
  }, [id]);
  const lastReturn = useMemo(() => {
    if (comments.length === 0) return { version: 0, items: [] as Comment[] };
    const version = Math.max(...comments.map((c) => c.version));
    return { version, items: comments.filter((c) => c.version === version) };
  }, [comments]);
  const commentsByRow = useMemo(() => {
    const m = new Map<number, Comment[]>();
    for (const c of lastReturn.items) {
      const r = /^indicators\[(\d+)\]/.exec(c.path ?? '');
      if (r) m.set(Number(r[1]), [...(m.get(Number(r[1])) ?? []), c]);
    }
    return m;
  }, [lastReturn]);
  const commentsOf = useCallback(
    (path: string) => {
      const found = lastReturn.items.filter(
        (c) => c.path === path || c.path?.startsWith(`${path}.`) || c.path?.startsWith(`${path}[`),
      );
      return found.length > 0 ? found : undefined;
    },
    [lastReturn],
  );

  // --- leaving with unsaved changes --------------------------------------------------------
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    // In-app links (the menu): ask before leaving; BrowserRouter has no blocker, so catch the click.
    const onClick = (e: MouseEvent) => {
      if (!dirtyRef.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey)
        return;
      const a = (e.target as HTMLElement).closest?.('a[href]');
      if (!a || a.hasAttribute('download') || a.getAttribute('target') === '_blank') return;
      const href = a.getAttribute('href') ?? '';
      if (!href.startsWith('/') || href.startsWith('/api/')) return;
      e.preventDefault();
      e.stopPropagation();
      modal.confirm({
        title: t('editor.leaveTitle'),
        content: t('editor.leaveConfirm'),
        onOk: () => {
          dirtyRef.current = false;
          navigate(href);
        },
      });
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [modal, navigate]);

  // --- saving, with conflicts --------------------------------------------------------------
  const [saving, setSaving] = useState(false);
  const [invalid, setInvalid] = useState<ValidationError[] | null>(null);
  const [conflict, setConflict] = useState<{
    theirs: Evaluation;
    detail: EvaluationDetail;
    differences: FieldDifference[];
  } | null>(null);

  const applySaved = useCallback((saved: EvaluationDetail, savedDoc: Evaluation) => {
    setDetail(saved);
    setBase(savedDoc);
  }, []);

  const save = useCallback(
    async (toSave: Evaluation, version: number, from: Evaluation): Promise<boolean> => {
      const v = validate(toSave);
      if (!v.ok) {
        setInvalid(v.errors);
        message.error(t('editor.invalid', { count: v.errors.length }));
        return false;
      }
      setInvalid(null);
      setSaving(true);
      try {
        const r = await request<EvaluationDetail>(`/api/evaluations/${encodeURIComponent(id)}`, {
          method: 'PUT',
          body: toSave,
          headers: { 'If-Match': `"v${version}"` },
        });
        applySaved(r.data, toSave);
        message.success(t('editor.saved', { version: r.data.version }));
        return true;
      } catch (e) {
        if (isApiError(e) && e.code === 'stale-version') {
          const current = await api.get<EvaluationDetail>(`/api/evaluations/${encodeURIComponent(id)}`);
          const theirs = normalise(current);
          setConflict({ theirs, detail: current, differences: diffDocuments(from, toSave, theirs) });
          return false;
        }
        if (isApiError(e) && Array.isArray(e.body.errors)) setInvalid(e.body.errors as ValidationError[]);
        message.error(e instanceof Error ? e.message : String(e));
        return false;
      } finally {
        setSaving(false);
      }
    },
    [id, message, applySaved],
  );

  const onSave = useCallback(() => save(doc, detail.version, base), [save, doc, detail.version, base]);

  const onKeepMine = useCallback(async () => {
    if (!conflict) return;
    const merged = keepMine(base, doc, conflict.theirs);
    dispatch({ type: 'replace', doc: merged });
    setDetail(conflict.detail);
    setBase(conflict.theirs);
    setConflict(null);
    await save(merged, conflict.detail.version, conflict.theirs);
  }, [conflict, base, doc, dispatch, save]);

  const onTakeTheirs = useCallback(() => {
    if (!conflict) return;
    dispatch({ type: 'replace', doc: conflict.theirs });
    setDetail(conflict.detail);
    setBase(conflict.theirs);
    setConflict(null);
  }, [conflict, dispatch]);

  // --- workflow ------------------------------------------------------------------------------
  const saveIfDirty = async () => (dirty ? save(doc, detail.version, base) : true);

  const onSubmit = () =>
    modal.confirm({
      title: self ? t('editor.submit') : t('editor.declare'),
      content: self ? t('editor.submitConfirm') : t('editor.declareConfirm'),
      onOk: async () => {
        if (!(await saveIfDirty())) return;
        try {
          const action = self ? 'submit' : 'declare';
          const r = await api.post<EvaluationDetail>(`/api/evaluations/${encodeURIComponent(id)}/${action}`);
          message.success(self ? t('editor.submitted') : t('editor.declared'));
          dirtyRef.current = false;
          if (self) navigate(`/evaluations/${encodeURIComponent(id)}/review`, { replace: true });
          else onReload({ detail: r, doc: normalise(r) });
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });

  const onFromTargets = async () => {
    try {
      const created = await api.post<EvaluationDetail>('/api/evaluations', undefined, { fromTargets: id });
      navigate(`/evaluations/${encodeURIComponent(created.id)}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const [adjusting, setAdjusting] = useState(false);
  const onAdjust = async (reason: string, document: Evaluation) => {
    try {
      await api.post(`/api/evaluations/${encodeURIComponent(id)}/adjustments`, { reason, document });
      message.success(t('editor.adjust.sent'));
      setAdjusting(false);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  // Ctrl+S saves, as in every editor people know.
  const saveRef = useRef(onSave);
  saveRef.current = onSave;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (!readOnly) void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [readOnly]);

  // --- derived figures -----------------------------------------------------------------------
  const goalCounts = useMemo(() => countByGoal(doc.indicators), [doc.indicators]);
  const weightSum = useMemo(() => {
    let sum = dec(0);
    let missing = 0;
    for (const i of doc.indicators) {
      if (i.applicable === false) continue;
      if (i.weight === null) missing++;
      else sum = sum.plus(i.weight);
    }
    const ok = missing === 0 && sum.equals(profile.indicatorTotal);
    return { text: sum.toString(), missing, ok };
  }, [doc.indicators, profile.indicatorTotal]);
  const narratives = useMemo(() => NARRATIVES.map((f) => doc[f]), [doc]);
  const narrativeValues = useMemoArray(narratives);

  const title = [doc.unit, doc.year ? `${doc.year}年度` : null, doc.project].filter(Boolean).join(' · ');
  const canSubmit = session.user?.role === 'filler' || !self;
  return (
    <div data-testid="editor" data-stage={stage} data-version={detail.version} data-dirty={dirty}>
      <div
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 20,
          background: '#fff',
          padding: '8px 12px',
          marginBottom: 12,
          border: '1px solid #f0f0f0',
          borderRadius: 4,
        }}
      >
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space wrap size={6}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {self ? t('editor.title.self') : t('editor.title.targets')}
            </Typography.Title>
            <Typography.Text style={{ wordBreak: 'break-word' }}>{title}</Typography.Text>
            <StatusTag status={detail.status} stage={stage} />
            <Tag data-testid="version">{t('editor.version', { version: detail.version })}</Tag>
            <Tag color="geekblue">
              {t('editor.profile')}：{profile.name}
            </Tag>
            {!readOnly && (
              <Badge
                status={dirty ? 'warning' : 'success'}
                text={dirty ? t('editor.dirty') : t('editor.clean')}
                data-testid="dirty-state"
              />
            )}
          </Space>
          <Space wrap>
            {!readOnly && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                onClick={onSave}
                data-testid="save"
              >
                {t('editor.save')}
              </Button>
            )}
            {!readOnly && canSubmit && (
              <Button icon={<SendOutlined />} onClick={onSubmit} data-testid="submit">
                {self ? t('editor.submit') : t('editor.declare')}
              </Button>
            )}
            {!self && detail.status === 'approved' && (
              <Button onClick={onFromTargets} data-testid="from-targets">
                {t('editor.fromTargets')}
              </Button>
            )}
            {(locked || (!self && detail.status === 'approved')) && (
              <Button icon={<LockOutlined />} onClick={() => setAdjusting(true)} data-testid="adjust">
                {t('editor.adjust')}
              </Button>
            )}
            <ExportMenu id={id} />
          </Space>
        </Flex>
      </div>

      {readOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('editor.readOnly', { status: detail.statusName })}
        />
      )}
      {lastReturn.items.length > 0 && !readOnly && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="comments-banner"
          title={t('editor.comments.banner', { version: lastReturn.version })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {lastReturn.items.map((c) => (
                <li key={c.id}>
                  {c.path ? (
                    <Typography.Link onClick={() => focusPath(c.path ?? '')}>{c.path}</Typography.Link>
                  ) : (
                    t('editor.comments.whole')
                  )}
                  ：{c.body}（{c.author.name}）
                </li>
              ))}
            </ul>
          }
        />
      )}
      {invalid && invalid.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setInvalid(null)}
          style={{ marginBottom: 12 }}
          data-testid="invalid"
          title={t('editor.invalid', { count: invalid.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {invalid.map((e) => (
                <li key={`${e.path}:${e.code}`}>
                  <Typography.Link onClick={() => focusPath(e.path)}>{e.path || '—'}</Typography.Link>：
                  {e.message}
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Row gutter={12} wrap={false} align="stretch">
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card size="small" title={t('editor.header')} style={{ marginBottom: 12 }}>
            <HeaderBlock
              kind={doc.kind}
              unit={doc.unit}
              department={doc.department}
              year={doc.year}
              project={doc.project}
              filledOn={doc.filledOn}
              readOnly={readOnly}
              dispatch={dispatch}
              commentsOf={commentsOf}
            />
          </Card>
          {self && (
            <Card size="small" title={t('editor.budget')} style={{ marginBottom: 12 }}>
              <BudgetBlock
                budget={doc.budget}
                kind={doc.kind}
                scoreBudget={assessment.score.budget}
                profile={profile}
                readOnly={readOnly}
                dispatch={dispatch}
              />
            </Card>
          )}
          <Card size="small" title={t('editor.goals')} style={{ marginBottom: 12 }}>
            <GoalsBlock
              goals={doc.goals}
              counts={goalCounts}
              locked={locked}
              readOnly={readOnly}
              dispatch={dispatch}
              commentsOf={commentsOf}
              withOutcome={self}
            />
          </Card>
          <Card
            size="small"
            title={t('editor.grid')}
            style={{ marginBottom: 12 }}
            extra={
              <Typography.Text
                data-testid="weight-sum"
                data-ok={weightSum.ok}
                style={{ color: weightSum.ok ? '#389e0d' : '#cf1322' }}
                title={
                  weightSum.ok
                    ? t('editor.weightSum.ok')
                    : t('editor.weightSum.bad', { total: profile.indicatorTotal })
                }
              >
                {t('editor.weightSum', { sum: weightSum.text, total: profile.indicatorTotal })}
                {weightSum.missing > 0 && t('editor.weightSum.missing', { count: weightSum.missing })}
              </Typography.Text>
            }
          >
            <IndicatorGrid
              doc={doc}
              mode={stage}
              locked={locked}
              readOnly={readOnly}
              scores={rowScores}
              severities={severities}
              commentsByRow={commentsByRow}
              scorePlaces={profile.rounding.score}
              dispatch={dispatch}
            />
          </Card>
          {self && (
            <Card size="small" title={t('editor.totals')} style={{ marginBottom: 12 }}>
              <TotalsBlock
                totalReported={doc.totalReported}
                grade={doc.grade}
                totals={assessment.score.totals}
                gradeComputed={assessment.score.grade.computed}
                profile={profile}
                readOnly={readOnly}
                dispatch={dispatch}
                commentsOf={commentsOf}
              />
            </Card>
          )}
          {self && (
            <Card size="small" title={t('editor.narratives')} style={{ marginBottom: 12 }}>
              <NarrativeBlock
                values={narrativeValues}
                readOnly={readOnly}
                dispatch={dispatch}
                commentsOf={commentsOf}
              />
            </Card>
          )}
        </Col>
        <Col flex="290px" style={{ minWidth: 0 }}>
          <Card
            size="small"
            title={t('editor.findings')}
            style={{ position: 'sticky', top: 72 }}
            data-testid="findings-panel"
            data-assess-ms={assessment.ms.toFixed(3)}
            data-assess-seq={assessment.seq}
            data-errors={counts.error}
            extra={<Typography.Text type="secondary">{t('editor.findings.counts', counts)}</Typography.Text>}
          >
            <div style={{ maxHeight: 'calc(100vh - 190px)', overflowY: 'auto' }}>{findingsPanel}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('editor.findings.timing', { ms: assessment.ms.toFixed(1) })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>

      <ConflictDialog
        open={conflict !== null}
        mineVersion={detail.version}
        theirsVersion={conflict?.detail.version ?? detail.version}
        differences={conflict?.differences ?? []}
        busy={saving}
        onKeepMine={onKeepMine}
        onTakeTheirs={onTakeTheirs}
        onCancel={() => setConflict(null)}
      />
      {adjusting && (
        <AdjustmentDialog
          open
          doc={doc}
          scorePlaces={profile.rounding.score}
          onSubmit={onAdjust}
          onCancel={() => setAdjusting(false)}
        />
      )}
    </div>
  );
}

/** The same array object while its items are the same, so a memoised block skips re-rendering. */
function useMemoArray<T>(items: readonly T[]): readonly T[] {
  const ref = useRef(items);
  if (ref.current.length !== items.length || ref.current.some((x, i) => x !== items[i])) ref.current = items;
  return ref.current;
}
