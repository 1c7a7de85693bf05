import { Tag } from 'antd';
import type { Stage, Status } from '../api/types.ts';
import { t } from '../i18n/index.ts';

const COLORS: Record<Status, string> = {
  draft: 'default',
  declared: 'processing',
  submitted: 'processing',
  approved: 'cyan',
  accepted: 'green',
  published: 'success',
};

/** The workflow status as a coloured tag (目标已批复 for approved targets). */
export function StatusTag({ status, stage = 'self-evaluation' }: { status: Status; stage?: Stage }) {
  const label =
    stage === 'targets' && status === 'approved' ? t('status.targetsApproved') : t(`status.${status}`);
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {label}
    </Tag>
  );
}
