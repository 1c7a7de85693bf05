/**
 * The deadlines of a year on the workbench (GET /api/deadlines): each with the days left or
 * overdue. A unit's filler and approver also see, under a deadline that is near or past, their
 * forms of that year and stage still not submitted. The reviewer and admin set deadlines here.
 */
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  message,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import type { Deadline, EvaluationSummary, Page, Stage, User } from '../../api/types.ts';
import { openHref } from '../../components/evaluationLinks.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { t } from '../../i18n/index.ts';

/** A deadline this close (in days) already asks the unit to hurry. */
const NEAR_DAYS = 14;
const SHOWN = 8;
const STAGES: Stage[] = ['targets', 'self-evaluation'];

/** Whole days from today to the due day: 0 on the day itself, negative once it has passed. */
export function daysLeft(due: string, today: Dayjs = dayjs()): number {
  return dayjs(due, 'YYYY-MM-DD').startOf('day').diff(today.startOf('day'), 'day');
}

function leftText(days: number): string {
  if (days > 0) return t('workbench.deadlines.left', { days });
  if (days === 0) return t('workbench.deadlines.today');
  return t('workbench.deadlines.overdue', { days: -days });
}

function leftColor(days: number): string {
  if (days < 0) return 'error';
  if (days <= NEAR_DAYS) return 'warning';
  return 'default';
}

function errorText(e: unknown): string {
  return isApiError(e) || e instanceof Error ? e.message : String(e);
}

/** The year shown first: the latest year that has a deadline not yet past, else the latest. */
function defaultYear(items: Deadline[]): number | null {
  if (items.length === 0) return null;
  const open = items.filter((d) => daysLeft(d.due) >= 0).map((d) => d.year);
  return Math.max(...(open.length > 0 ? open : items.map((d) => d.year)));
}

interface SetValues {
  year: number;
  stage: Stage;
  due: Dayjs;
  note?: string;
}

function SetDeadlineDialog({
  open,
  initial,
  onClose,
  onSaved,
}: {
  open: boolean;
  initial: { year: number; stage: Stage; due?: string; note?: string | null };
  onClose: () => void;
  onSaved: (d: Deadline) => void;
}) {
  const [form] = Form.useForm<SetValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({
      year: initial.year,
      stage: initial.stage,
      due: initial.due ? dayjs(initial.due, 'YYYY-MM-DD') : undefined,
      note: initial.note ?? '',
    } as SetValues);
  }, [open, initial, form]);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const { data: d } = await api.put<Deadline>(`/api/deadlines/${v.year}/${encodeURIComponent(v.stage)}`, {
        due: v.due.format('YYYY-MM-DD'),
        note: v.note?.trim() ? v.note.trim() : null,
      });
      onSaved(d);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('workbench.deadlines.dialog.title')}
      onCancel={onClose}
      onOk={save}
      okText={t('workbench.deadlines.dialog.save')}
      cancelText={t('workbench.deadlines.dialog.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'deadline-save' } as Record<string, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="deadline-dialog">
        <Form.Item
          name="year"
          label={t('workbench.deadlines.year')}
          rules={[{ required: true, message: t('workbench.deadlines.dialog.year.required') }]}
        >
          <InputNumber
            min={2000}
            max={2100}
            precision={0}
            style={{ width: 160 }}
            data-testid="deadline-year"
          />
        </Form.Item>
        <Form.Item name="stage" label={t('workbench.deadlines.dialog.stage')} rules={[{ required: true }]}>
          <Select
            data-testid="deadline-stage"
            options={STAGES.map((s) => ({ value: s, label: t(`workbench.deadlines.dialog.stage.${s}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="due"
          label={t('workbench.deadlines.dialog.due')}
          rules={[{ required: true, message: t('workbench.deadlines.dialog.due.required') }]}
        >
          <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} data-testid="deadline-due" />
        </Form.Item>
        <Form.Item name="note" label={t('workbench.deadlines.dialog.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="deadline-note" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}

export function DeadlinesCard({ user }: { user: User }) {
  const [all, setAll] = useState<Deadline[] | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [unsubmitted, setUnsubmitted] = useState<Record<string, Page<EvaluationSummary>>>({});
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{
    year: number;
    stage: Stage;
    due?: string;
    note?: string | null;
  } | null>(null);
  const unitPerson = user.role === 'filler' || user.role === 'approver';
  const canSet = user.role === 'reviewer' || user.role === 'admin';

  const load = useCallback(async (show?: number) => {
    try {
      const r = await api.get<{ items: Deadline[] }>('/api/deadlines');
      setAll(r.items);
      setYear((y) => show ?? y ?? defaultYear(r.items));
    } catch (e) {
      setError(errorText(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = (all ?? []).filter((d) => d.year === year);

  // The unit's forms not yet submitted, for each deadline that is near or past.
  const pressing = unitPerson ? shown.filter((d) => daysLeft(d.due) <= NEAR_DAYS) : [];
  const pressingKey = pressing.map((d) => `${d.year}/${d.stage}`).join(',');
  useEffect(() => {
    if (pressingKey === '') {
      setUnsubmitted({});
      return;
    }
    let live = true;
    const keys = pressingKey.split(',');
    Promise.all(
      keys.map((k) => {
        const [y, stage] = k.split('/') as [string, Stage];
        return api.get<Page<EvaluationSummary>>('/api/evaluations', {
          year: Number(y),
          stage,
          status: 'draft',
          page: 1,
          pageSize: SHOWN,
        });
      }),
    )
      .then(
        (pages) =>
          live &&
          setUnsubmitted(Object.fromEntries(keys.map((k, i) => [k, pages[i] as Page<EvaluationSummary>]))),
      )
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [pressingKey]);

  const years = [...new Set((all ?? []).map((d) => d.year))].sort((a, b) => b - a);

  return (
    <Card
      size="small"
      data-testid="deadlines"
      title={t('workbench.deadlines.title')}
      loading={all === null && !error}
      extra={
        <Space wrap>
          {years.length > 0 && year !== null && (
            <Select
              size="small"
              aria-label={t('workbench.deadlines.year')}
              data-testid="deadlines-year"
              value={year}
              onChange={(y) => setYear(y)}
              options={years.map((y) => ({
                value: y,
                label: t('workbench.deadlines.yearLabel', { year: y }),
              }))}
              style={{ width: 120 }}
            />
          )}
          {canSet && (
            <Button
              size="small"
              data-testid="deadline-set"
              onClick={() => setDialog({ year: year ?? dayjs().year(), stage: 'self-evaluation' })}
            >
              {t('workbench.deadlines.set')}
            </Button>
          )}
        </Space>
      }
    >
      {error && (
        <Alert type="error" showIcon message={t('workbench.deadlines.loadFailed', { message: error })} />
      )}
      {all !== null && shown.length === 0 && (
        <Typography.Text type="secondary">
          {year === null ? t('workbench.deadlines.noneAtAll') : t('workbench.deadlines.none', { year })}
        </Typography.Text>
      )}
      {shown.length > 0 && (
        <List
          size="small"
          dataSource={shown}
          rowKey={(d) => `${d.year}/${d.stage}`}
          renderItem={(d) => {
            const days = daysLeft(d.due);
            const key = `${d.year}/${d.stage}`;
            const forms = unsubmitted[key];
            return (
              <List.Item
                data-testid={`deadline-${d.year}-${d.stage}`}
                actions={
                  canSet
                    ? [
                        <Button
                          key="edit"
                          type="link"
                          size="small"
                          aria-label={`${t('workbench.deadlines.set')} ${t(`workbench.deadlines.stage.${d.stage}`, { year: d.year })}`}
                          onClick={() =>
                            setDialog({ year: d.year, stage: d.stage, due: d.due, note: d.note })
                          }
                        >
                          {t('workbench.deadlines.set')}
                        </Button>,
                      ]
                    : []
                }
              >
                <Space direction="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
                  <Space wrap size={8}>
                    <Typography.Text strong>
                      {t(`workbench.deadlines.stage.${d.stage}`, { year: d.year })}
                    </Typography.Text>
                    <span>{t('workbench.deadlines.due', { date: d.due })}</span>
                    <Tag color={leftColor(days)} data-testid="deadline-left">
                      {leftText(days)}
                    </Tag>
                  </Space>
                  {d.note && (
                    <Typography.Text
                      type="secondary"
                      style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}
                    >
                      {d.note}
                    </Typography.Text>
                  )}
                  {forms &&
                    (forms.total === 0 ? (
                      <Typography.Text type="success">
                        {t('workbench.deadlines.allSubmitted')}
                      </Typography.Text>
                    ) : (
                      <div data-testid="deadline-unsubmitted">
                        <Typography.Text type={days < 0 ? 'danger' : 'warning'}>
                          {t('workbench.deadlines.unsubmitted', { count: forms.total })}
                        </Typography.Text>
                        <ul style={{ margin: '2px 0 0', paddingLeft: 20 }}>
                          {forms.items.map((e) => (
                            <li key={e.id} style={{ wordBreak: 'break-word' }}>
                              <Space wrap size={6}>
                                <Link to={openHref(e, user)}>
                                  {e.project ?? t('workbench.item.department')}
                                </Link>
                                <StatusTag status={e.status} />
                                <Tag color={days < 0 ? 'error' : 'warning'}>
                                  {t('workbench.deadlines.unsubmittedTag')}
                                </Tag>
                              </Space>
                            </li>
                          ))}
                        </ul>
                      </div>
                    ))}
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      {dialog && (
        <SetDeadlineDialog
          open
          initial={dialog}
          onClose={() => setDialog(null)}
          onSaved={(d) => {
            setDialog(null);
            void message.success(
              t('workbench.deadlines.saved', {
                what: t(`workbench.deadlines.stage.${d.stage}`, { year: d.year }),
                date: d.due,
              }),
            );
            void load(d.year);
          }}
        />
      )}
    </Card>
  );
}
