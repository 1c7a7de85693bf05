/**
 * 导入: many files dropped at once, uploaded one request per file (so the progress is real and
 * one file's failure never holds up the others). The import endpoint saves every form it reads
 * as a draft of the unit; this page then shows each one — what the importer repaired, what it
 * doubts, the review findings, the form itself — and the person keeps it (保留) or discards it
 * (放弃: the fresh draft is deleted with DELETE /api/evaluations/:id).
 */

import { CheckCircleFilled, DeleteOutlined, InboxOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  List,
  Popconfirm,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import type { EvaluationDetail, ImportedForm, ImportProblem, ImportReport } from '../../api/types.ts';
import { EvaluationView } from '../../components/EvaluationView.tsx';
import { FindingsList } from '../../components/FindingsList.tsx';
import { differenceText, scoreText, sizeText } from '../../components/figures.ts';
import { t } from '../../i18n/index.ts';

type OkForm = Extract<ImportedForm, { ok: true }>;

interface FormState {
  key: string;
  outcome: ImportedForm;
  detail: EvaluationDetail | null;
  detailError: string | null;
  decision: 'pending' | 'kept' | 'discarded';
  busy: boolean;
}

interface FileState {
  uid: string;
  file: File;
  status: 'waiting' | 'uploading' | 'done' | 'failed';
  error: ImportProblem | null;
  forms: FormState[];
}

const STATUS_COLOR = {
  waiting: 'default',
  uploading: 'processing',
  done: 'success',
  failed: 'error',
} as const;

function messageOf(e: unknown): string {
  return isApiError(e) || e instanceof Error ? e.message : String(e);
}

function repairKind(kind: string): string {
  const text = t(`repair.${kind}`);
  return text === `repair.${kind}` ? kind : text;
}

function FileStatus({ f }: { f: FileState }) {
  const ok = f.forms.filter((x) => x.outcome.ok).length;
  const failed = f.forms.length - ok;
  const label =
    f.status === 'done'
      ? failed > 0
        ? t('import.status.partial', { ok, failed })
        : t('import.status.done', { ok })
      : t(`import.status.${f.status}`);
  return (
    <Tag
      color={f.status === 'done' && failed > 0 ? 'warning' : STATUS_COLOR[f.status]}
      data-testid="file-status"
    >
      {label}
    </Tag>
  );
}

function FormPreview({
  form,
  onKeep,
  onDiscard,
}: {
  form: FormState;
  onKeep: () => void;
  onDiscard: () => void;
}) {
  const o = form.outcome;
  if (!o.ok) {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="form-error"
        message={t('import.form.failed')}
        description={t('import.fileError', { code: o.error.code, message: o.error.message })}
      />
    );
  }
  const ok = o as OkForm;
  const d = form.detail;
  const reported = d ? (d.totalReported ?? d.score.totals.reported) : null;
  const computed = d ? (d.totalComputed ?? d.score.totals.computed) : ok.total;
  const diff = differenceText(reported, computed);
  const decided =
    form.decision === 'kept' ? (
      <Tag icon={<CheckCircleFilled />} color="success" data-testid="form-decision">
        {t('import.kept')}
      </Tag>
    ) : form.decision === 'discarded' ? (
      <Tag color="default" data-testid="form-decision">
        {t('import.discarded')}
      </Tag>
    ) : null;
  const panels = [
    {
      key: 'findings',
      label: t('import.form.findings', { n: ok.findings.length }),
      children: (
        // a long list scrolls inside its panel so the next forms stay within reach
        <div style={{ maxHeight: 320, overflow: 'auto' }} data-testid="import-findings">
          <FindingsList findings={ok.findings} compact />
        </div>
      ),
    },
    {
      key: 'repairs',
      label: t('import.form.repairs', { n: ok.import.repairs.length }),
      children:
        ok.import.repairs.length === 0 ? (
          <Typography.Text type="secondary">{t('import.form.noRepairs')}</Typography.Text>
        ) : (
          <Table
            size="small"
            bordered
            tableLayout="fixed"
            pagination={false}
            data-testid="repairs"
            rowKey={(_, i) => String(i)}
            dataSource={ok.import.repairs}
            columns={[
              { title: t('import.repair.kind'), dataIndex: 'kind', width: 150, render: repairKind },
              { title: t('import.repair.where'), dataIndex: 'where', width: 110 },
              {
                title: t('import.repair.before'),
                dataIndex: 'before',
                render: (v: string | null) => <div style={{ wordBreak: 'break-word' }}>{v ?? '—'}</div>,
              },
              {
                title: t('import.repair.after'),
                dataIndex: 'after',
                render: (v: string | null) => <div style={{ wordBreak: 'break-word' }}>{v ?? '—'}</div>,
              },
            ]}
          />
        ),
    },
    {
      key: 'warnings',
      label: t('import.form.warningsTitle', { n: ok.import.warnings.length }),
      children:
        ok.import.warnings.length === 0 ? (
          <Typography.Text type="secondary">{t('import.form.noWarnings')}</Typography.Text>
        ) : (
          <Table
            size="small"
            bordered
            tableLayout="fixed"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={ok.import.warnings}
            columns={[
              { title: t('import.warning.where'), dataIndex: 'where', width: 140 },
              {
                title: t('import.warning.message'),
                dataIndex: 'message',
                render: (v: string) => <div style={{ wordBreak: 'break-word' }}>{v}</div>,
              },
            ]}
          />
        ),
    },
    ...(d
      ? [
          {
            key: 'preview',
            label: t('import.form.preview'),
            children: <EvaluationView evaluation={d.evaluation} score={d.score} />,
          },
        ]
      : []),
  ];
  return (
    <Card
      size="small"
      type="inner"
      data-testid="import-form"
      data-id={ok.id}
      style={{ opacity: form.decision === 'discarded' ? 0.6 : 1 }}
      title={
        <Space wrap size={6}>
          <span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
            {t('import.form.title', { unit: ok.unit.name, year: ok.year ?? '—' })}
            {ok.project ? ` · ${ok.project}` : ''}
          </span>
          <Tag>{t(`kind.${ok.kind}`)}</Tag>
          {decided}
        </Space>
      }
      extra={
        <Space>
          {form.decision === 'pending' && (
            <>
              <Button type="primary" size="small" onClick={onKeep} data-testid="keep">
                {t('import.keep')}
              </Button>
              <Popconfirm
                title={t('import.discardConfirm')}
                okText={t('import.discard')}
                cancelText={t('action.cancel')}
                okButtonProps={{ danger: true, 'data-testid': 'discard-confirm' } as ButtonProps}
                onConfirm={onDiscard}
              >
                <Button
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  loading={form.busy}
                  data-testid="discard"
                >
                  {t('import.discard')}
                </Button>
              </Popconfirm>
            </>
          )}
          {form.decision === 'kept' && (
            <>
              <Link to={`/evaluations/${encodeURIComponent(ok.id)}`}>{t('import.open')}</Link>
              <Link to={`/evaluations/${encodeURIComponent(ok.id)}/review`} data-testid="review-link">
                {t('import.review')}
              </Link>
            </>
          )}
        </Space>
      }
    >
      {form.detailError && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('import.detailFailed', { message: form.detailError })}
        />
      )}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('import.form.layout')}>
          <Typography.Text code>{ok.import.layout}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('import.form.indicators')}>
          <span className="ev-num" data-testid="import-indicator-count">
            {d ? (d.evaluation.indicators?.length ?? 0) : '—'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('import.form.totalReported')}>
          <span data-testid="import-total-reported">{scoreText(reported)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('import.form.totalComputed')}>
          <Space size={4} wrap>
            <span data-testid="import-total-computed" style={{ color: diff ? '#cf1322' : undefined }}>
              {scoreText(computed)}
            </span>
            {diff && <Tag color="error">{t('import.form.differs')}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('import.form.grade')}>{ok.grade ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('import.form.errors')}>
          <Typography.Text type={ok.errorCount > 0 ? 'danger' : undefined}>{ok.errorCount}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('import.form.warnings')}>
          <Typography.Text type={ok.warningCount > 0 ? 'warning' : undefined}>
            {ok.warningCount}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Collapse size="small" defaultActiveKey={['findings']} items={panels} />
    </Card>
  );
}

export default function ImportPage() {
  const { message } = App.useApp();
  const [files, setFiles] = useState<FileState[]>([]);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const seq = useRef(0);

  const patchFile = (uid: string, patch: (f: FileState) => FileState) =>
    setFiles((list) => list.map((f) => (f.uid === uid ? patch(f) : f)));
  const patchForm = (uid: string, key: string, patch: Partial<FormState>) =>
    patchFile(uid, (f) => ({ ...f, forms: f.forms.map((x) => (x.key === key ? { ...x, ...patch } : x)) }));

  const parseOne = async (f: FileState) => {
    patchFile(f.uid, (x) => ({ ...x, status: 'uploading', error: null }));
    const body = new FormData();
    body.append('file', f.file, f.file.name);
    let report: ImportReport | null = null;
    try {
      report = (await api.upload<ImportReport>('/api/evaluations/import', body)).data;
    } catch (e) {
      // 422: nothing could be taken, and the answer still says why, file by file
      const data = isApiError(e) ? (e.data as ImportReport | undefined) : undefined;
      if (data && Array.isArray(data.files)) report = data;
      else {
        const error = isApiError(e)
          ? { code: e.code, message: e.message }
          : { code: 'error', message: messageOf(e) };
        patchFile(f.uid, (x) => ({ ...x, status: 'failed', error }));
        return;
      }
    }
    const outcome = report.files[0];
    const forms: FormState[] = (outcome?.forms ?? []).map((o, i) => ({
      key: o.ok ? o.id : `failed-${i}`,
      outcome: o,
      detail: null,
      detailError: null,
      decision: 'pending',
      busy: false,
    }));
    // the preview needs the whole form (totals reported and computed, the document itself)
    await Promise.all(
      forms.map(async (form) => {
        if (!form.outcome.ok) return;
        try {
          form.detail = await api.get<EvaluationDetail>(
            `/api/evaluations/${encodeURIComponent(form.outcome.id)}`,
          );
        } catch (e) {
          form.detailError = messageOf(e);
        }
      }),
    );
    const ok = forms.some((x) => x.outcome.ok);
    patchFile(f.uid, (x) => ({
      ...x,
      status: outcome?.error || !ok ? 'failed' : 'done',
      error: outcome?.error ?? null,
      forms,
    }));
  };

  const parseAll = async () => {
    const waiting = files.filter((f) => f.status === 'waiting');
    if (waiting.length === 0) {
      message.info(t('import.noFiles'));
      return;
    }
    setRunning(true);
    setProgress({ done: 0, total: waiting.length });
    for (const [i, f] of waiting.entries()) {
      await parseOne(f);
      setProgress({ done: i + 1, total: waiting.length });
    }
    setRunning(false);
  };

  const keep = (uid: string, key: string) => patchForm(uid, key, { decision: 'kept' });
  const discard = async (uid: string, key: string) => {
    patchForm(uid, key, { busy: true });
    try {
      await api.del(`/api/evaluations/${encodeURIComponent(key)}`);
      patchForm(uid, key, { decision: 'discarded', busy: false });
    } catch (e) {
      patchForm(uid, key, { busy: false });
      message.error({ content: messageOf(e), duration: 8 });
    }
  };

  const waitingCount = files.filter((f) => f.status === 'waiting').length;
  const pending = files.flatMap((f) =>
    f.forms.filter((x) => x.outcome.ok && x.decision === 'pending').map((x) => [f.uid, x.key] as const),
  );

  return (
    <div data-testid="import-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>
        {t('import.intro')}
      </Typography.Paragraph>
      <Upload.Dragger
        multiple
        showUploadList={false}
        disabled={running}
        accept=".xlsx,.xls,.docx,.doc,.pdf,.html,.htm,.mht,.csv,.md,.txt"
        beforeUpload={(file) => {
          seq.current += 1;
          const uid = `f${seq.current}`;
          setFiles((list) => [...list, { uid, file, status: 'waiting', error: null, forms: [] }]);
          return Upload.LIST_IGNORE;
        }}
        data-testid="import-drop"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.dropHint')}</p>
      </Upload.Dragger>

      <Space wrap style={{ margin: '16px 0' }}>
        <Button
          type="primary"
          onClick={parseAll}
          loading={running}
          disabled={waitingCount === 0}
          data-testid="parse"
        >
          {t('import.parse')}
        </Button>
        <Button
          onClick={() => setFiles((list) => list.filter((f) => f.status === 'uploading'))}
          disabled={running}
        >
          {t('import.clear')}
        </Button>
        {pending.length > 1 && (
          <Button
            onClick={() => {
              for (const [uid, key] of pending) keep(uid, key);
            }}
          >
            {t('import.keepAll')}
          </Button>
        )}
        <Typography.Text type="secondary">{t('import.fileCount', { n: files.length })}</Typography.Text>
      </Space>

      {progress && (
        <div style={{ maxWidth: 640, marginBottom: 16 }} data-testid="import-progress">
          <Progress
            percent={Math.round((progress.done / progress.total) * 100)}
            status={running ? 'active' : 'normal'}
            format={() => `${progress.done}/${progress.total}`}
          />
          <Typography.Text type="secondary">
            {t('import.progress', { n: progress.done, total: progress.total })}
          </Typography.Text>
        </div>
      )}

      {files.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('import.noFiles')} />
      ) : (
        <List
          dataSource={files}
          split={false}
          renderItem={(f) => (
            <List.Item style={{ display: 'block', padding: '0 0 16px' }}>
              <Card
                size="small"
                data-testid="import-file"
                data-file={f.file.name}
                title={
                  <Space wrap size={8}>
                    <span style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>{f.file.name}</span>
                    <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                      {sizeText(f.file.size)}
                    </Typography.Text>
                    <FileStatus f={f} />
                  </Space>
                }
                extra={
                  f.status === 'waiting' && !running ? (
                    <Button
                      size="small"
                      type="text"
                      aria-label={`${t('import.remove')} ${f.file.name}`}
                      icon={<DeleteOutlined />}
                      onClick={() => setFiles((list) => list.filter((x) => x.uid !== f.uid))}
                    />
                  ) : null
                }
              >
                {f.error && (
                  <Alert
                    type="error"
                    showIcon
                    data-testid="file-error"
                    style={{ marginBottom: f.forms.length ? 8 : 0 }}
                    message={t('import.fileError', { code: f.error.code, message: f.error.message })}
                  />
                )}
                <Space direction="vertical" style={{ width: '100%' }}>
                  {f.forms.map((form) => (
                    <FormPreview
                      key={form.key}
                      form={form}
                      onKeep={() => keep(f.uid, form.key)}
                      onDiscard={() => discard(f.uid, form.key)}
                    />
                  ))}
                </Space>
              </Card>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
