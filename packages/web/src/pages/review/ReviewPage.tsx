/**
 * 复核: the form read-only with its findings and comments beside it, the actions the person's
 * role allows in the form's status (docs/api.md "The workflow", "Targets first"), and below it
 * versions with their differences, the audit trail, attachments and target adjustments.
 */
import { EditOutlined, MessageOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Empty,
  List,
  Result,
  Space,
  Spin,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import type { Adjustment, Comment, EvaluationDetail, User } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { EvaluationView } from '../../components/EvaluationView.tsx';
import { ExportMenu } from '../../components/ExportMenu.tsx';
import { canEdit } from '../../components/evaluationLinks.ts';
import { FindingsList } from '../../components/FindingsList.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { t } from '../../i18n/index.ts';
import { CommentDialog, CommentItem, ReturnDialog } from './ReviewDialogs.tsx';
import { AdjustmentsPanel, AttachmentsPanel, AuditPanel, VersionsPanel } from './ReviewPanels.tsx';

type Step = 'submit' | 'declare' | 'approve' | 'accept' | 'publish' | 'approveTargets';

const STEP_URL: Record<Step, string> = {
  submit: 'submit',
  declare: 'declare',
  approve: 'approve',
  accept: 'accept',
  publish: 'publish',
  approveTargets: 'approve-targets',
};

/** What this person may do with this form now, by role, unit and status (the server decides again). */
function actionsFor(
  d: EvaluationDetail,
  user: User,
): { steps: Step[]; canReturn: boolean; canEdit: boolean } {
  const ownUnit = user.unitId !== null && user.unitId === d.unit.id;
  const unitPerson = ownUnit && (user.role === 'filler' || user.role === 'approver');
  const reviewer = user.role === 'reviewer';
  const steps: Step[] = [];
  let canReturn = false;
  if (d.stage === 'targets') {
    if (d.status === 'draft' && unitPerson) steps.push('declare');
    if (d.status === 'declared' && reviewer) {
      steps.push('approveTargets');
      canReturn = true;
    }
  } else {
    if (d.status === 'draft' && ownUnit && user.role === 'filler') steps.push('submit');
    if (d.status === 'submitted' && ownUnit && user.role === 'approver') {
      steps.push('approve');
      canReturn = true;
    }
    if (reviewer && d.status === 'approved') steps.push('accept');
    if (reviewer && d.status === 'accepted') steps.push('publish');
    if (reviewer && ['approved', 'accepted', 'published'].includes(d.status)) canReturn = true;
  }
  return { steps, canReturn, canEdit: canEdit(d, user) };
}

/** Comments on `path` itself or inside it (a row's comments include those on its cells). */
function commentsOn(comments: Comment[], path: string): Comment[] {
  return comments.filter(
    (c) => c.path === path || c.path?.startsWith(`${path}.`) || c.path?.startsWith(`${path}[`),
  );
}

export default function ReviewPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [detail, setDetail] = useState<EvaluationDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [comments, setComments] = useState<Comment[]>([]);
  const [sessionCommentIds, setSessionCommentIds] = useState<string[]>([]);
  const [adjustments, setAdjustments] = useState<Adjustment[] | null>(null);
  const [adjustmentsError, setAdjustmentsError] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<{ path: string; seq: number }>({ path: '', seq: 0 });
  const [commentTarget, setCommentTarget] = useState<{ path: string; place: string } | null>(null);
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState<Step | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [lowerTab, setLowerTab] = useState('versions');

  const base = `/api/evaluations/${encodeURIComponent(id)}`;
  const loadDetail = useCallback(async () => {
    try {
      setDetail(await api.get<EvaluationDetail>(base));
      setLoadError(null);
    } catch (e) {
      setLoadError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  }, [base]);
  const loadComments = useCallback(async () => {
    try {
      setComments((await api.get<{ items: Comment[] }>(`${base}/comments`)).items);
    } catch (e) {
      if (isApiError(e)) message.error(e.message);
    }
  }, [base, message]);
  const loadAdjustments = useCallback(async () => {
    try {
      setAdjustments((await api.get<{ items: Adjustment[] }>(`${base}/adjustments`)).items);
      setAdjustmentsError(null);
    } catch (e) {
      setAdjustmentsError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  }, [base]);

  useEffect(() => {
    loadDetail();
    loadComments();
    loadAdjustments();
  }, [loadDetail, loadComments, loadAdjustments]);

  const select = useCallback((path: string) => setHighlight((h) => ({ path, seq: h.seq + 1 })), []);

  const user = session.user ?? null;
  const allowed = detail && user ? actionsFor(detail, user) : { steps: [], canReturn: false, canEdit: false };
  const canComment =
    !!detail &&
    !!user &&
    (user.role === 'reviewer' || (user.unitId !== null && user.unitId === detail.unit.id));
  const sessionComments = useMemo(
    () => comments.filter((c) => sessionCommentIds.includes(c.id)),
    [comments, sessionCommentIds],
  );

  const afterChange = (d: EvaluationDetail) => {
    setDetail(d);
    setReloadKey((k) => k + 1);
    loadComments();
    loadAdjustments();
  };

  const runStep = (step: Step) => {
    modal.confirm({
      title: t(`review.${step}`),
      content: t(`review.confirm.${step}`),
      okText: t(`review.${step}`),
      cancelText: t('action.cancel'),
      onOk: async () => {
        setBusy(step);
        try {
          const d = await api.post<EvaluationDetail>(`${base}/${STEP_URL[step]}`);
          afterChange(d);
          message.success(t(`review.done.${step}`));
        } catch (e) {
          message.error({
            content: isApiError(e) || e instanceof Error ? e.message : String(e),
            duration: 8,
          });
          // the form may have moved on (someone else acted): show what it is now
          loadDetail();
        } finally {
          setBusy(null);
        }
      },
    });
  };

  if (loadError && !detail) {
    return (
      <Result
        status="warning"
        title={t('review.loadFailed', { message: loadError })}
        data-testid="review-error"
      />
    );
  }
  if (!detail) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }

  const renderExtra = (path: string, place: string) => {
    const n = commentsOn(comments, path).length;
    if (!canComment && n === 0) return null;
    return (
      <Tooltip title={t('review.comment.addOn', { place })}>
        <Badge count={n} size="small" offset={[-2, 2]}>
          <Button
            size="small"
            type={n > 0 ? 'primary' : 'default'}
            ghost={n > 0}
            icon={<MessageOutlined />}
            aria-label={t('review.comment.addOn', { place })}
            data-testid={`comment-btn-${path}`}
            onClick={() => setCommentTarget({ path, place })}
          />
        </Badge>
      </Tooltip>
    );
  };

  const title = `${detail.unit.name} ${detail.year}年度${detail.project ? ` ${detail.project}` : ''}`;
  const errors = detail.findings.filter((f) => f.severity === 'error').length;

  return (
    <div data-testid="review-page">
      <Card size="small" style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
          <div style={{ flex: '1 1 360px', minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: 0, wordBreak: 'break-word' }}>
              {title}
            </Typography.Title>
            <Space wrap size={6} style={{ marginTop: 6 }}>
              <Tag>{t(`stage.${detail.stage}`)}</Tag>
              <Tag>{t(`kind.${detail.kind}`)}</Tag>
              <StatusTag status={detail.status} stage={detail.stage} />
              <Tag data-testid="review-version">{t('review.version', { n: detail.version })}</Tag>
              {detail.stage === 'self-evaluation' && (
                <Tag color={detail.targetsApproved ? 'green' : 'default'}>
                  {detail.targetsApproved ? t('review.targetsApproved') : t('review.noTargets')}
                </Tag>
              )}
            </Space>
          </div>
          <Space wrap>
            {allowed.canEdit && (
              <Button
                icon={<EditOutlined />}
                onClick={() => navigate(`/evaluations/${encodeURIComponent(id)}`)}
              >
                {t('review.edit')}
              </Button>
            )}
            {allowed.steps.map((s) => (
              <Button
                key={s}
                type="primary"
                loading={busy === s}
                onClick={() => runStep(s)}
                data-testid={`action-${s}`}
              >
                {t(`review.${s}`)}
              </Button>
            ))}
            {allowed.canReturn && (
              <Button danger onClick={() => setReturning(true)} data-testid="action-return">
                {t('review.return')}
              </Button>
            )}
            <ExportMenu id={detail.id} />
          </Space>
        </div>
      </Card>

      {loadError && <Alert type="error" showIcon message={loadError} style={{ marginBottom: 12 }} />}

      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Card size="small" style={{ flex: 1, minWidth: 0 }} styles={{ body: { padding: 12 } }}>
          <EvaluationView
            evaluation={detail.evaluation}
            score={detail.score}
            highlight={highlight.path}
            highlightSeq={highlight.seq}
            renderExtra={renderExtra}
          />
        </Card>
        <Card
          size="small"
          style={{ width: 300, flex: 'none', position: 'sticky', top: 16 }}
          styles={{ body: { padding: '0 12px 12px', maxHeight: 'calc(100vh - 48px)', overflow: 'auto' } }}
        >
          <Tabs
            defaultActiveKey="findings"
            items={[
              {
                key: 'findings',
                label: (
                  <span data-testid="tab-findings">
                    {t('review.tab.findings', { n: detail.findings.length })}
                    {errors > 0 && <Badge status="error" style={{ marginLeft: 4 }} />}
                  </span>
                ),
                children: <FindingsList findings={detail.findings} onSelect={select} compact />,
              },
              {
                key: 'comments',
                label: (
                  <span data-testid="tab-comments">{t('review.tab.comments', { n: comments.length })}</span>
                ),
                children: (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {canComment && (
                      <Button
                        block
                        icon={<MessageOutlined />}
                        onClick={() => setCommentTarget({ path: '', place: t('place.whole') })}
                      >
                        {t('review.comment.whole')}
                      </Button>
                    )}
                    {comments.length === 0 ? (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.comment.none')} />
                    ) : (
                      <List
                        size="small"
                        data-testid="comments"
                        dataSource={[...comments].reverse()}
                        renderItem={(c) => (
                          <List.Item
                            data-path={c.path ?? ''}
                            tabIndex={0}
                            role="button"
                            style={{ cursor: 'pointer' }}
                            onClick={() => select(c.path ?? '')}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter' || e.key === ' ') {
                                e.preventDefault();
                                select(c.path ?? '');
                              }
                            }}
                          >
                            <CommentItem comment={c} evaluation={detail.evaluation} />
                          </List.Item>
                        )}
                      />
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </div>

      <Card size="small" style={{ marginTop: 16 }}>
        <Tabs
          activeKey={lowerTab}
          onChange={setLowerTab}
          items={[
            {
              key: 'versions',
              label: <span data-testid="tab-versions">{t('review.tab.versions')}</span>,
              children: <VersionsPanel detail={detail} reloadKey={reloadKey} onSelectPath={select} />,
            },
            {
              key: 'audit',
              label: <span data-testid="tab-audit">{t('review.tab.audit')}</span>,
              children: <AuditPanel id={detail.id} reloadKey={reloadKey} />,
            },
            {
              key: 'attachments',
              label: <span data-testid="tab-attachments">{t('review.tab.attachments')}</span>,
              children: (
                <AttachmentsPanel
                  id={detail.id}
                  reloadKey={reloadKey}
                  canUpload={canComment}
                  onChanged={() => setReloadKey((k) => k + 1)}
                />
              ),
            },
            ...(detail.stage === 'targets' || detail.targets !== null || (adjustments?.length ?? 0) > 0
              ? [
                  {
                    key: 'adjustments',
                    label: (
                      <span data-testid="tab-adjustments">
                        {t('review.tab.adjustments', {
                          n: adjustments?.filter((a) => a.status === 'pending').length ?? 0,
                        })}
                      </span>
                    ),
                    children: (
                      <AdjustmentsPanel
                        items={adjustments}
                        error={adjustmentsError}
                        canDecide={user?.role === 'reviewer'}
                        onDecided={() => {
                          loadAdjustments();
                          loadDetail();
                          setReloadKey((k) => k + 1);
                        }}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <CommentDialog
        evaluationId={detail.id}
        target={commentTarget}
        comments={comments}
        evaluation={detail.evaluation}
        canComment={canComment}
        onClose={() => setCommentTarget(null)}
        onAdded={(c) => {
          setComments((list) => [...list, c]);
          setSessionCommentIds((ids) => [...ids, c.id]);
          message.success(t('review.comment.saved'));
        }}
      />
      <ReturnDialog
        open={returning}
        evaluationId={detail.id}
        sessionComments={sessionComments}
        evaluation={detail.evaluation}
        onClose={() => setReturning(false)}
        onReturned={(d) => {
          setReturning(false);
          afterChange(d);
          message.success(t('review.done.return'));
        }}
      />
    </div>
  );
}
