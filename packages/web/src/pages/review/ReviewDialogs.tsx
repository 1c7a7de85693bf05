/**
 * The review page's dialogs: a comment on one place of the form, and 退回 with a reason that
 * lists the comments added in this session (they are saved already, so the filler sees them
 * with the returned form; the reason is sent with the return itself).
 */
import type { ButtonProps } from 'antd';
import { Alert, Form, Input, List, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import type { Comment, EvaluationDetail } from '../../api/types.ts';
import { placeOfPath } from '../../components/evaluationPlaces.ts';
import { t } from '../../i18n/index.ts';

export function timeText(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

function errorText(e: unknown): string {
  return isApiError(e) || e instanceof Error ? e.message : String(e);
}

export function CommentItem({
  comment,
  evaluation,
}: {
  comment: Comment;
  evaluation?: EvaluationDetail['evaluation'];
}) {
  const where = placeOfPath(comment.path, evaluation);
  return (
    <Typography.Paragraph style={{ marginBottom: 0 }}>
      <Typography.Text strong>{where.place}</Typography.Text>
      {where.detail && (
        <Typography.Text type="secondary" style={{ marginLeft: 6, wordBreak: 'break-word' }}>
          {where.detail}
        </Typography.Text>
      )}
      <br />
      <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="comment-body">
        {comment.body}
      </span>
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('review.comment.meta', {
          author: comment.author.name,
          time: timeText(comment.createdAt),
          version: comment.version,
        })}
      </Typography.Text>
    </Typography.Paragraph>
  );
}

/** Comments on one place, and a box to add one when the person may comment. */
export function CommentDialog({
  evaluationId,
  target,
  comments,
  evaluation,
  canComment,
  onClose,
  onAdded,
}: {
  evaluationId: string;
  target: { path: string; place: string } | null;
  comments: Comment[];
  evaluation: EvaluationDetail['evaluation'];
  canComment: boolean;
  onClose: () => void;
  onAdded: (c: Comment) => void;
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new place starts an empty box
  useEffect(() => {
    setBody('');
    setError(null);
  }, [target?.path]);
  if (!target) return null;
  const here = comments.filter((c) => (c.path ?? '') === target.path);
  const submit = async () => {
    if (!body.trim()) {
      setError(t('review.comment.required'));
      return;
    }
    setSaving(true);
    try {
      const c = await api.post<Comment>(`/api/evaluations/${encodeURIComponent(evaluationId)}/comments`, {
        ...(target.path ? { path: target.path } : {}),
        body: body.trim(),
      });
      onAdded(c);
      setBody('');
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={target.path ? t('review.comment.addOn', { place: target.place }) : t('review.comment.whole')}
      onCancel={onClose}
      onOk={canComment ? submit : onClose}
      okText={canComment ? t('review.comment.post') : t('action.confirm')}
      cancelText={t('action.cancel')}
      confirmLoading={saving}
      cancelButtonProps={canComment ? undefined : { style: { display: 'none' } }}
      okButtonProps={{ 'data-testid': 'comment-submit' } as ButtonProps}
      destroyOnHidden
    >
      {here.length > 0 && (
        <List
          size="small"
          dataSource={here}
          style={{ marginBottom: 12, maxHeight: 240, overflow: 'auto' }}
          renderItem={(c) => (
            <List.Item>
              <CommentItem comment={c} evaluation={evaluation} />
            </List.Item>
          )}
        />
      )}
      {canComment && (
        <Form layout="vertical">
          <Form.Item label={t('review.comment.body')} htmlFor="comment-body" required>
            <Input.TextArea
              id="comment-body"
              data-testid="comment-input"
              autoFocus
              rows={4}
              maxLength={5000}
              showCount
              value={body}
              placeholder={t('review.comment.placeholder')}
              onChange={(e) => setBody(e.target.value)}
            />
          </Form.Item>
        </Form>
      )}
      {error && <Alert type="error" showIcon message={error} role="alert" />}
    </Modal>
  );
}

/** 退回: a reason (required) and, for the record, the comments this session added. */
export function ReturnDialog({
  open,
  evaluationId,
  sessionComments,
  evaluation,
  onClose,
  onReturned,
}: {
  open: boolean;
  evaluationId: string;
  sessionComments: Comment[];
  evaluation: EvaluationDetail['evaluation'];
  onClose: () => void;
  onReturned: (d: EvaluationDetail) => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!reason.trim()) {
      setError(t('review.returnReasonRequired'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const d = await api.post<EvaluationDetail>(
        `/api/evaluations/${encodeURIComponent(evaluationId)}/return`,
        {
          reason: reason.trim(),
        },
      );
      setReason('');
      onReturned(d);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('review.returnTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('review.return')}
      okButtonProps={{ danger: true, 'data-testid': 'return-submit' } as ButtonProps}
      cancelText={t('action.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('review.returnHint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('review.returnReason')} htmlFor="return-reason" required>
          <Input.TextArea
            id="return-reason"
            data-testid="return-reason"
            rows={3}
            maxLength={5000}
            value={reason}
            placeholder={t('review.returnReasonPlaceholder')}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
      </Form>
      <Typography.Text strong>{t('review.returnSessionComments')}</Typography.Text>
      {sessionComments.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('review.returnNoSessionComments')}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          data-testid="return-session-comments"
          dataSource={sessionComments}
          style={{ maxHeight: 220, overflow: 'auto' }}
          renderItem={(c) => (
            <List.Item>
              <CommentItem comment={c} evaluation={evaluation} />
            </List.Item>
          )}
        />
      )}
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 12 }} />}
    </Modal>
  );
}
