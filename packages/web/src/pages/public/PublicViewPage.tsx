/**
 * One published form, readable without signing in: the snapshot frozen when it was
 * published, in the read-only layout, with the findings only when the API gives them.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Result, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import type { PublicDetail } from '../../api/types.ts';
import { EvaluationView } from '../../components/EvaluationView.tsx';
import { FindingsList } from '../../components/FindingsList.tsx';
import { t } from '../../i18n/index.ts';

export default function PublicViewPage() {
  const { id = '' } = useParams();
  const [detail, setDetail] = useState<PublicDetail | null>(null);
  const [error, setError] = useState<{ status: number; message: string } | null>(null);
  const [highlight, setHighlight] = useState({ path: '', seq: 0 });

  useEffect(() => {
    let live = true;
    setDetail(null);
    setError(null);
    api
      .get<PublicDetail>(`/api/public/evaluations/${encodeURIComponent(id)}`)
      .then((d) => live && setDetail(d))
      .catch((e) => {
        if (!live) return;
        setError({
          status: isApiError(e) ? e.status : 0,
          message: e instanceof Error ? e.message : String(e),
        });
      });
    return () => {
      live = false;
    };
  }, [id]);

  const back = (
    <Link to="/public">
      <ArrowLeftOutlined /> {t('public.view.back')}
    </Link>
  );
  if (error) {
    return (
      <Result
        status={error.status === 404 ? '404' : 'warning'}
        title={
          error.status === 404
            ? t('public.view.notFound')
            : t('public.view.loadFailed', { message: error.message })
        }
        extra={back}
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
  const findings = detail.findings ?? [];
  return (
    <div data-testid="public-view">
      <div style={{ marginBottom: 12 }}>{back}</div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0, wordBreak: 'break-word' }}>
          {detail.unitName} {detail.year}年度{detail.project ? ` ${detail.project}` : ''}
        </Typography.Title>
        <Space wrap size={6} style={{ marginTop: 6 }}>
          <Tag>{t(`kind.${detail.kind}`)}</Tag>
          <Tag color="success">{t('status.published')}</Tag>
          <Typography.Text type="secondary">
            {t('public.view.meta', {
              version: detail.version,
              time: dayjs(detail.publishedAt).format('YYYY-MM-DD HH:mm'),
            })}
          </Typography.Text>
        </Space>
      </Card>
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Card size="small" style={{ flex: 1, minWidth: 0 }} styles={{ body: { padding: 12 } }}>
          <EvaluationView
            evaluation={detail.evaluation}
            score={detail.score}
            highlight={highlight.path}
            highlightSeq={highlight.seq}
          />
        </Card>
        {findings.length > 0 && (
          <Card
            size="small"
            title={t('public.view.findings', { n: findings.length })}
            style={{ width: 320, flex: 'none', position: 'sticky', top: 16 }}
            styles={{ body: { maxHeight: 'calc(100vh - 96px)', overflow: 'auto', padding: '0 12px' } }}
          >
            <FindingsList
              findings={findings}
              compact
              onSelect={(path) => setHighlight((h) => ({ path, seq: h.seq + 1 }))}
            />
          </Card>
        )}
      </div>
    </div>
  );
}
