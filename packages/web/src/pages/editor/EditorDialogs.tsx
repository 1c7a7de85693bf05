/**
 * The editor's dialogs: the save conflict (someone saved first: what differs, keep mine or
 * take theirs) and the request to adjust approved targets (目标调整).
 */
import type { Evaluation } from '@jixiao/core';
import { Alert, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo, useReducer, useState } from 'react';
import { IndicatorGrid } from '../../components/IndicatorGrid.tsx';
import { t } from '../../i18n/index.ts';
import { type FieldDifference, shownValue } from './diff.ts';
import { GoalsBlock } from './EditorParts.tsx';
import { countByGoal, type EditorAction, editorReducer } from './editorState.ts';

const WHO_COLOR: Record<FieldDifference['changedBy'], string> = {
  mine: 'blue',
  theirs: 'purple',
  both: 'red',
};

export function ConflictDialog({
  open,
  mineVersion,
  theirsVersion,
  differences,
  busy,
  onKeepMine,
  onTakeTheirs,
  onCancel,
}: {
  open: boolean;
  mineVersion: number;
  theirsVersion: number;
  differences: FieldDifference[];
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onCancel: () => void;
}) {
  const empty = t('editor.empty');
  return (
    <Modal
      open={open}
      title={t('editor.conflict.title')}
      width={900}
      onCancel={onCancel}
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={onCancel}>{t('action.cancel')}</Button>
          <Button onClick={onTakeTheirs} disabled={busy} data-testid="conflict-take-theirs">
            {t('editor.conflict.takeTheirs')}
          </Button>
          <Button type="primary" onClick={onKeepMine} loading={busy} data-testid="conflict-keep-mine">
            {t('editor.conflict.keepMine')}
          </Button>
        </Space>
      }
    >
      <div data-testid="conflict-dialog">
        <Typography.Paragraph>
          {t('editor.conflict.intro', { mine: mineVersion, theirs: theirsVersion })}
        </Typography.Paragraph>
        {differences.length === 0 ? (
          <Alert type="info" showIcon title={t('editor.conflict.none')} />
        ) : (
          <Table
            size="small"
            rowKey="path"
            pagination={false}
            scroll={{ y: 360 }}
            dataSource={differences}
            data-testid="conflict-differences"
            columns={[
              {
                title: t('editor.conflict.path'),
                dataIndex: 'label',
                width: 260,
                render: (label: string, d) => (
                  <span data-path={d.path} style={{ wordBreak: 'break-word' }}>
                    {label}
                  </span>
                ),
              },
              {
                title: t('editor.conflict.who'),
                dataIndex: 'changedBy',
                width: 80,
                render: (who: FieldDifference['changedBy']) => (
                  <Tag color={WHO_COLOR[who]}>{t(`editor.conflict.who.${who}`)}</Tag>
                ),
              },
              {
                title: t('editor.conflict.mine'),
                dataIndex: 'mine',
                render: (v: unknown) => (
                  <span style={{ wordBreak: 'break-word' }}>{shownValue(v, empty)}</span>
                ),
              },
              {
                title: t('editor.conflict.theirs'),
                dataIndex: 'theirs',
                render: (v: unknown) => (
                  <span style={{ wordBreak: 'break-word' }}>{shownValue(v, empty)}</span>
                ),
              },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('editor.conflict.keepMine')}：{t('editor.conflict.keepMineHelp')}
          <br />
          {t('editor.conflict.takeTheirs')}：{t('editor.conflict.takeTheirsHelp')}
        </Typography.Paragraph>
      </div>
    </Modal>
  );
}

const NO_SCORES: never[] = [];
const NO_COMMENTS = new Map();
const noComments = () => undefined;

/** 申请目标调整: the reason and the targets as they should be, edited on a copy of the form. */
export function AdjustmentDialog({
  open,
  doc,
  scorePlaces,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  doc: Evaluation;
  scorePlaces: number;
  onSubmit: (reason: string, document: Evaluation) => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, dispatchDraft] = useReducer(editorReducer, doc);
  const dispatch = useCallback((a: EditorAction) => dispatchDraft(a), []);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const counts = useMemo(() => countByGoal(draft.indicators), [draft.indicators]);
  const missing = reason.trim() === '';
  return (
    <Modal
      open={open}
      title={t('editor.adjust.title')}
      width={1100}
      onCancel={onCancel}
      maskClosable={false}
      okText={t('editor.adjust.submit')}
      confirmLoading={busy}
      onOk={async () => {
        setTouched(true);
        if (missing) return;
        setBusy(true);
        try {
          await onSubmit(reason.trim(), draft);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form layout="vertical">
        <Form.Item
          label={t('editor.adjust.reason')}
          htmlFor="adjust-reason"
          required
          validateStatus={touched && missing ? 'error' : undefined}
          help={touched && missing ? t('editor.adjust.reasonRequired') : undefined}
        >
          <Input.TextArea
            id="adjust-reason"
            value={reason}
            autoSize={{ minRows: 2, maxRows: 6 }}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
      </Form>
      <Typography.Title level={5}>{t('editor.adjust.targets')}</Typography.Title>
      <div style={{ maxHeight: '55vh', overflow: 'auto' }}>
        <GoalsBlock
          goals={draft.goals}
          counts={counts}
          locked={false}
          readOnly={false}
          dispatch={dispatch}
          commentsOf={noComments}
          withOutcome={false}
        />
        <IndicatorGrid
          doc={draft}
          mode="targets"
          locked={false}
          readOnly={false}
          scores={NO_SCORES}
          severities={NO_SCORES}
          commentsByRow={NO_COMMENTS}
          scorePlaces={scorePlaces}
          dispatch={dispatch}
        />
      </div>
    </Modal>
  );
}
