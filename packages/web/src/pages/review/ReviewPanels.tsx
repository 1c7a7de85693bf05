/**
 * The review page's lower tabs: versions and the difference between two of them, the audit
 * trail, attachments, and target adjustment requests. Each loads its own data and shows the
 * server's Chinese message when it is refused.
 */
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import type {
  Adjustment,
  Attachment,
  AuditEvent,
  Diff,
  EvaluationDetail,
  VersionSummary,
} from '../../api/types.ts';
import { AuditTable } from '../../components/AuditTable.tsx';
import { placeOfPath } from '../../components/evaluationPlaces.ts';
import { scoreText, sizeText } from '../../components/figures.ts';
import { t } from '../../i18n/index.ts';
import { timeText } from './ReviewDialogs.tsx';

function errorText(e: unknown): string {
  return isApiError(e) || e instanceof Error ? e.message : String(e);
}

const base = (id: string) => `/api/evaluations/${encodeURIComponent(id)}`;

/** Loads `path` on mount and whenever `reloadKey` changes. */
function useList<T>(path: string, reloadKey: number) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const r = await api.get<{ items: T[] }>(path);
      setItems(r.items);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [path]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey asks for fresh data
  useEffect(() => {
    load();
  }, [load, reloadKey]);
  return { items, error, reload: load };
}

/** A changed value as a person reads it: the text itself, a row by its name, 空 for null. */
function shownValue(v: unknown): string {
  if (v === undefined) return t('review.diff.absent');
  if (v === null || v === '') return t('review.diff.null');
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') return t('review.diff.rowValue', { name: o.name });
    if (typeof o.raw === 'string') return o.raw;
    if (typeof o.text === 'string') return o.text;
  }
  const text = JSON.stringify(v);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function VersionsPanel({
  detail,
  reloadKey,
  onSelectPath,
}: {
  detail: EvaluationDetail;
  reloadKey: number;
  onSelectPath: (path: string) => void;
}) {
  const { items, error } = useList<VersionSummary>(`${base(detail.id)}/versions`, reloadKey);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [diffError, setDiffError] = useState<string | null>(null);

  const compare = useCallback(
    async (a: number, b: number) => {
      try {
        setDiff(await api.get<Diff>(`${base(detail.id)}/diff`, { from: a, to: b }));
        setDiffError(null);
      } catch (e) {
        setDiffError(errorText(e));
      }
    },
    [detail.id],
  );

  // the latest two versions are compared at once: usually what a reviewer wants to see
  useEffect(() => {
    if (!items || items.length < 2) return;
    const newest = items[0]?.version as number;
    const previous = items[1]?.version as number;
    setFrom(previous);
    setTo(newest);
    compare(previous, newest);
  }, [items, compare]);

  if (error) return <Alert type="error" showIcon message={error} />;
  const options = (items ?? []).map((v) => ({
    value: v.version,
    label: t('review.version', { n: v.version }),
  }));
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="versions-panel">
      <Table<VersionSummary>
        size="small"
        rowKey="version"
        loading={items === null}
        pagination={false}
        dataSource={items ?? []}
        columns={[
          {
            title: t('review.versions.col.version'),
            dataIndex: 'version',
            width: 90,
            render: (v: number) => t('review.version', { n: v }),
          },
          {
            title: t('review.versions.col.total'),
            dataIndex: 'total',
            align: 'right',
            width: 100,
            render: (v: number | null) => <span className="ev-num">{scoreText(v)}</span>,
          },
          { title: t('review.versions.col.grade'), dataIndex: 'grade', width: 70, render: (g) => g ?? '—' },
          {
            title: t('review.versions.col.by'),
            key: 'by',
            render: (_, v) => v.createdByName ?? v.createdBy,
          },
          {
            title: t('review.versions.col.at'),
            dataIndex: 'createdAt',
            width: 160,
            render: (x: string) => timeText(x),
          },
        ]}
      />
      {items && items.length < 2 ? (
        <Typography.Text type="secondary">{t('review.versions.none')}</Typography.Text>
      ) : (
        <Space wrap>
          <span id="diff-from-label">{t('review.versions.from')}</span>
          <Select
            aria-labelledby="diff-from-label"
            data-testid="diff-from"
            style={{ width: 120 }}
            value={from}
            options={options}
            onChange={(v) => setFrom(v)}
          />
          <span id="diff-to-label">{t('review.versions.to')}</span>
          <Select
            aria-labelledby="diff-to-label"
            data-testid="diff-to"
            style={{ width: 120 }}
            value={to}
            options={options}
            onChange={(v) => setTo(v)}
          />
          <Button
            type="primary"
            ghost
            disabled={from === null || to === null}
            onClick={() => from !== null && to !== null && compare(from, to)}
            data-testid="diff-compare"
          >
            {t('review.versions.compare')}
          </Button>
        </Space>
      )}
      {diffError && <Alert type="error" showIcon message={diffError} />}
      {diff && (
        <div data-testid="diff">
          <Typography.Text strong>
            {t('review.diff.title', { from: diff.from, to: diff.to, n: diff.changes.length })}
          </Typography.Text>
          {diff.changes.length === 0 ? (
            <Typography.Paragraph type="secondary">{t('review.diff.none')}</Typography.Paragraph>
          ) : (
            <Table
              size="small"
              bordered
              tableLayout="fixed"
              style={{ marginTop: 8 }}
              rowKey="path"
              pagination={diff.changes.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              dataSource={diff.changes}
              onRow={(c) => ({
                onClick: () => onSelectPath(c.path),
                style: { cursor: 'pointer' },
                'data-path': c.path,
              })}
              columns={[
                {
                  title: t('review.diff.place'),
                  key: 'place',
                  width: '30%',
                  render: (_, c) => {
                    const p = placeOfPath(c.path, detail.evaluation);
                    return (
                      <div style={{ wordBreak: 'break-word' }} data-testid="diff-place">
                        <Typography.Text strong>{p.place}</Typography.Text>
                        {p.detail && (
                          <div>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {p.detail}
                            </Typography.Text>
                          </div>
                        )}
                      </div>
                    );
                  },
                },
                ...(['before', 'after'] as const).map((side) => ({
                  title: t(`review.diff.${side}`),
                  key: side,
                  render: (_: unknown, c: Diff['changes'][number]) => (
                    <div
                      style={{
                        whiteSpace: 'pre-wrap',
                        wordBreak: 'break-word',
                        color: side === 'before' ? '#a8071a' : '#135200',
                      }}
                    >
                      {shownValue(side in c ? c[side] : undefined)}
                    </div>
                  ),
                })),
              ]}
            />
          )}
        </div>
      )}
    </Space>
  );
}

export function AuditPanel({ id, reloadKey }: { id: string; reloadKey: number }) {
  const { items, error } = useList<AuditEvent>(`${base(id)}/audit`, reloadKey);
  if (error) return <Alert type="error" showIcon message={error} />;
  return (
    <AuditTable
      events={items ?? []}
      loading={items === null}
      pagination={(items?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
    />
  );
}

export function AttachmentsPanel({
  id,
  reloadKey,
  canUpload,
  onChanged,
}: {
  id: string;
  reloadKey: number;
  canUpload: boolean;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const { items, error, reload } = useList<Attachment>(`${base(id)}/attachments`, reloadKey);
  const [uploading, setUploading] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="attachments-panel">
      {canUpload && (
        <Upload
          showUploadList={false}
          customRequest={async ({ file }) => {
            const f = file as File;
            const form = new FormData();
            form.append('file', f, f.name);
            setUploading(true);
            try {
              await api.upload(`${base(id)}/attachments`, form);
              message.success(t('review.attachments.uploaded', { name: f.name }));
              await reload();
              onChanged();
            } catch (e) {
              message.error(errorText(e));
            } finally {
              setUploading(false);
            }
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading}>
            {t('review.attachments.upload')}
          </Button>
        </Upload>
      )}
      {error && <Alert type="error" showIcon message={error} />}
      {items && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.attachments.none')} />
      ) : (
        <List
          size="small"
          loading={items === null}
          dataSource={items ?? []}
          renderItem={(a) => (
            <List.Item>
              <Space wrap>
                <PaperClipOutlined />
                <a href={a.href} download style={{ wordBreak: 'break-all' }}>
                  {a.filename}
                </a>
                <Typography.Text type="secondary">
                  {t('review.attachments.meta', { size: sizeText(a.size), time: timeText(a.uploadedAt) })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}

const ADJUSTMENT_COLORS = { pending: 'processing', approved: 'success', rejected: 'error' } as const;

export function AdjustmentsPanel({
  items,
  error,
  canDecide,
  onDecided,
}: {
  items: Adjustment[] | null;
  error: string | null;
  canDecide: boolean;
  onDecided: () => void;
}) {
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<{ adjustment: Adjustment; decision: 'approve' | 'reject' } | null>(
    null,
  );
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const decide = async () => {
    if (!deciding) return;
    if (deciding.decision === 'reject' && !note.trim()) {
      setNoteError(t('review.adjustments.noteRequired'));
      return;
    }
    setSaving(true);
    try {
      await api.post(`/api/adjustments/${encodeURIComponent(deciding.adjustment.id)}/${deciding.decision}`, {
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      message.success(t('review.adjustments.done'));
      setDeciding(null);
      setNote('');
      onDecided();
    } catch (e) {
      setNoteError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  if (error) return <Alert type="error" showIcon message={error} />;
  return (
    <>
      <List
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        locale={{ emptyText: t('review.adjustments.none') }}
        renderItem={(a) => (
          <List.Item
            actions={
              canDecide && a.status === 'pending'
                ? [
                    <Button
                      key="approve"
                      size="small"
                      type="primary"
                      onClick={() => {
                        setNote('');
                        setNoteError(null);
                        setDeciding({ adjustment: a, decision: 'approve' });
                      }}
                    >
                      {t('review.adjustments.approve')}
                    </Button>,
                    <Button
                      key="reject"
                      size="small"
                      danger
                      onClick={() => {
                        setNote('');
                        setNoteError(null);
                        setDeciding({ adjustment: a, decision: 'reject' });
                      }}
                    >
                      {t('review.adjustments.reject')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
              <Space wrap>
                <Tag color={ADJUSTMENT_COLORS[a.status]}>{t(`review.adjustments.${a.status}`)}</Tag>
                <Typography.Text type="secondary">
                  {t('review.adjustments.requested', { time: timeText(a.requestedAt) })}
                </Typography.Text>
              </Space>
              <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {t('review.adjustments.reason', { reason: a.reason })}
              </Typography.Text>
              {a.decisionNote && (
                <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
                  {t('review.adjustments.decision', { note: a.decisionNote })}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={deciding !== null}
        title={
          deciding?.decision === 'reject'
            ? t('review.adjustments.rejectTitle')
            : t('review.adjustments.approveTitle')
        }
        onCancel={() => setDeciding(null)}
        onOk={decide}
        okText={
          deciding?.decision === 'reject' ? t('review.adjustments.reject') : t('review.adjustments.approve')
        }
        okButtonProps={{ danger: deciding?.decision === 'reject' }}
        cancelText={t('action.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item
            label={t('review.adjustments.note')}
            htmlFor="adjustment-note"
            required={deciding?.decision === 'reject'}
          >
            <Input.TextArea
              id="adjustment-note"
              rows={3}
              maxLength={5000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </Form.Item>
        </Form>
        {noteError && <Alert type="error" showIcon message={noteError} role="alert" />}
      </Modal>
    </>
  );
}
