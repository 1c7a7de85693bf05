/**
 * 新建: a new, empty self-evaluation or target declaration — kind, year, project name and the
 * scoring profile (the unit's region's by default, else the national one) — created on the
 * server and opened in the editor.
 */
import type { EvaluationInput } from '@jixiao/core';
import { App, Button, Card, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { EvaluationDetail, Stage, Unit } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { t } from '../../i18n/index.ts';

interface ProfileItem {
  id: string;
  name: string;
  region: string;
}
interface Region {
  id: string;
  name: string;
  profileId: string;
}

const DEFAULT_PROFILE = 'national-2020';

interface Values {
  kind: 'department' | 'project';
  year: number;
  project?: string;
  profile: string;
  unitId?: string;
}

/** The smallest valid canonical document: one empty goal, no indicators yet. */
export function emptyDocument(v: Values, unitName: string | null): EvaluationInput {
  return {
    kind: v.kind,
    year: v.year,
    unit: unitName,
    project: v.kind === 'project' ? (v.project ?? '').trim() || null : null,
    profile: v.profile,
    budget: {},
    goals: [{ id: 'G1', text: '' }],
    indicators: [],
  };
}

export default function NewEvaluationPage() {
  const [params] = useSearchParams();
  const stage: Stage = params.get('stage') === 'targets' ? 'targets' : 'self-evaluation';
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [profiles, setProfiles] = useState<ProfileItem[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [busy, setBusy] = useState(false);
  // the default profile comes from the unit's region: wait for it before offering to create
  const [ready, setReady] = useState(false);
  const kind = Form.useWatch('kind', form);
  const ownUnit = session.unit;

  useEffect(() => {
    api
      .get<{ items: ProfileItem[] }>('/api/profiles')
      .then((r) => setProfiles(r.items))
      .catch(() => setProfiles([]));
    if (!ownUnit) {
      api
        .get<Unit[] | { items: Unit[] }>('/api/units')
        .then((r) => setUnits(Array.isArray(r) ? r : r.items))
        .catch(() => setUnits([]));
    }
    const regionId = ownUnit?.regionId;
    if (regionId) {
      api
        .get<{ items: Region[] }>('/api/regions')
        .then((r) => {
          const region = r.items.find((x) => x.id === regionId);
          if (region && !form.isFieldTouched('profile')) form.setFieldValue('profile', region.profileId);
        })
        .catch(() => {})
        .finally(() => setReady(true));
    } else setReady(true);
  }, [ownUnit, form]);

  const onFinish = async (v: Values) => {
    setBusy(true);
    try {
      const unit = ownUnit ?? units.find((u) => u.id === v.unitId) ?? null;
      const created = await api.post<EvaluationDetail>(
        '/api/evaluations',
        emptyDocument(v, unit?.name ?? null),
        {
          stage: stage === 'targets' ? 'targets' : undefined,
          unit: ownUnit ? undefined : v.unitId,
        },
      );
      navigate(`/evaluations/${encodeURIComponent(created.id)}`, { replace: true });
    } catch (e) {
      message.error(t('new.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 640 }} data-testid="new-evaluation">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {stage === 'targets' ? t('new.title.targets') : t('new.title.self')}
      </Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'department', year: new Date().getFullYear(), profile: DEFAULT_PROFILE }}
        onFinish={onFinish}
      >
        {!ownUnit && (
          <Form.Item
            name="unitId"
            label={t('new.unit')}
            rules={[{ required: true, message: t('new.unitRequired') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={units.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('new.kind')}>
          <Radio.Group
            options={[
              { value: 'department', label: t('kind.department') },
              { value: 'project', label: t('kind.project') },
            ]}
          />
        </Form.Item>
        <Form.Item name="year" label={t('new.year')} rules={[{ required: true }]}>
          <InputNumber min={1990} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {kind === 'project' && (
          <Form.Item
            name="project"
            label={t('new.project')}
            rules={[{ required: true, whitespace: true, message: t('new.projectRequired') }]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item name="profile" label={t('new.profile')} rules={[{ required: true }]}>
          <Select
            options={(profiles.length > 0
              ? profiles
              : [{ id: DEFAULT_PROFILE, name: DEFAULT_PROFILE, region: '' }]
            ).map((p) => ({ value: p.id, label: p.region ? `${p.name}（${p.region}）` : p.name }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!ready} data-testid="create">
          {t('new.create')}
        </Button>
      </Form>
    </Card>
  );
}
