/**
 * One kind of work waiting on the workbench: a card with the count and the first forms, each
 * a link to where the work is done (the editor for a draft, the review page for the rest).
 */
import { Badge, Card, List, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Comment, EvaluationSummary, User } from '../../api/types.ts';
import { openHref } from '../../components/evaluationLinks.ts';
import { placeOfPath } from '../../components/evaluationPlaces.ts';
import { scoreText } from '../../components/figures.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { t } from '../../i18n/index.ts';

export interface Task {
  key: string;
  title: string;
  help?: string;
  items: EvaluationSummary[];
  total: number;
  /** the full list with the matching filters */
  allHref: string;
  /** where an item leads, when not the default (editor for own drafts, else review) */
  hrefOf?: (e: EvaluationSummary) => string;
  /** the comments of a returned form, by form id */
  comments?: Record<string, Comment[]>;
}

/** The comments the form was sent back with: those on the latest version that has any. */
export function returnComments(comments: readonly Comment[]): Comment[] {
  const latest = Math.max(...comments.map((c) => c.version));
  return comments.filter((c) => c.version === latest);
}

function ItemTitle({ e }: { e: EvaluationSummary }) {
  return (
    <span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
      {e.year ? `${t('list.yearLabel', { year: e.year })} ` : ''}
      {e.project ?? t('workbench.item.department')}
    </span>
  );
}

export function TaskList({ task, user, extra }: { task: Task; user: User | null; extra?: ReactNode }) {
  const more = task.total - task.items.length;
  return (
    <Card
      size="small"
      data-testid={`task-${task.key}`}
      data-count={task.total}
      title={
        <Space>
          <span>{task.title}</span>
          <Badge
            count={task.total}
            showZero
            color={task.total > 0 ? '#b4232a' : '#bfbfbf'}
            overflowCount={999}
          />
        </Space>
      }
      extra={
        extra ??
        (task.total > 0 ? (
          <Link to={task.allHref}>{t('workbench.viewAll', { count: task.total })}</Link>
        ) : null)
      }
    >
      {task.help && task.total > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {task.help}
        </Typography.Paragraph>
      )}
      {task.items.length === 0 ? (
        <Typography.Text type="secondary">{t('workbench.nothing')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={task.items}
          renderItem={(e) => {
            const comments = task.comments?.[e.id];
            return (
              <List.Item data-id={e.id} style={{ display: 'block' }}>
                <Link to={(task.hrefOf ?? ((x) => openHref(x, user)))(e)} data-testid="task-link">
                  <ItemTitle e={e} />
                </Link>
                <Space size={8} wrap style={{ display: 'flex', marginTop: 2 }}>
                  <Typography.Text type="secondary">{e.unit.name}</Typography.Text>
                  <StatusTag status={e.status} stage={e.stage} />
                  {e.stage === 'self-evaluation' && (
                    <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {t('workbench.item.total', {
                        total: scoreText(e.totalComputed === undefined ? e.total : e.totalComputed),
                      })}
                    </Typography.Text>
                  )}
                  {e.errorCount > 0 && (
                    <Typography.Text type="danger">
                      {t('workbench.item.errors', { n: e.errorCount })}
                    </Typography.Text>
                  )}
                  <Typography.Text type="secondary">
                    {t('workbench.item.updated', { at: dayjs(e.updatedAt).format('MM-DD HH:mm') })}
                  </Typography.Text>
                </Space>
                {comments && comments.length > 0 && (
                  <div
                    data-testid="return-comments"
                    style={{ marginTop: 6, padding: '6px 10px', background: '#fff7e6', borderRadius: 4 }}
                  >
                    <Typography.Text strong>{t('workbench.returnComments')}</Typography.Text>
                    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                      {returnComments(comments).map((c) => (
                        <li key={c.id} style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
                          <Typography.Text type="secondary">{placeOfPath(c.path).place}：</Typography.Text>
                          {c.body}
                          <Typography.Text type="secondary">
                            {' '}
                            —— {c.author.name}，{dayjs(c.createdAt).format('MM-DD HH:mm')}
                          </Typography.Text>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </List.Item>
            );
          }}
        />
      )}
      {more > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('workbench.more', { count: more })}
        </Typography.Text>
      )}
    </Card>
  );
}
