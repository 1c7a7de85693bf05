import { Empty, List, Space, Tag, Tooltip, Typography } from 'antd';
import type { Finding } from '../api/types.ts';
import { t } from '../i18n/index.ts';

const SEVERITY: Record<Finding['severity'], { color: string; label: string }> = {
  error: { color: 'error', label: '错误' },
  warning: { color: 'warning', label: '警告' },
  info: { color: 'default', label: '提示' },
};

const ORDER: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };

/**
 * The review findings (复核意见), errors first. Each names its place in words; clicking one
 * calls `onSelect` with its path (`indicators[3].actual`) so the page can move to that cell.
 */
export function FindingsList({
  findings,
  onSelect,
  compact = false,
}: {
  findings: readonly Finding[];
  onSelect?: (path: string) => void;
  compact?: boolean;
}) {
  if (findings.length === 0) return <Empty description="没有发现问题" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <List
      size="small"
      dataSource={sorted}
      data-testid="findings"
      renderItem={(f) => (
        <List.Item
          data-code={f.code}
          data-path={f.path}
          style={{ cursor: onSelect ? 'pointer' : undefined, alignItems: 'flex-start' }}
          onClick={() => onSelect?.(f.path)}
          onKeyDown={(e) => {
            if (onSelect && (e.key === 'Enter' || e.key === ' ')) {
              e.preventDefault();
              onSelect(f.path);
            }
          }}
          tabIndex={onSelect ? 0 : undefined}
          role={onSelect ? 'button' : undefined}
        >
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space size={4} wrap>
              <Tag color={SEVERITY[f.severity].color}>{SEVERITY[f.severity].label}</Tag>
              <Typography.Text strong>{f.place || t('empty')}</Typography.Text>
              {!compact && (
                <Typography.Text type="secondary" code>
                  {f.code}
                </Typography.Text>
              )}
            </Space>
            <Tooltip title={f.basis}>
              <Typography.Text style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
                {f.message}
              </Typography.Text>
            </Tooltip>
          </Space>
        </List.Item>
      )}
    />
  );
}
