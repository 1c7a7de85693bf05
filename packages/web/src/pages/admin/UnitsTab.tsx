/**
 * The units as a tree (主管部门 → 单位) with how many accounts each has, and a dialog to add
 * one: a department, or a unit under a department, optionally in a region (its scoring rules).
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, isApiError } from '../../api/client.ts';
import type { Region, Unit, UserAccount } from '../../api/types.ts';
import { t } from '../../i18n/index.ts';
import { FormDialog } from './FormDialog.tsx';
import { applyServerError } from './formErrors.ts';

interface UnitRow {
  key: string;
  unit: Unit | null;
  name: string;
  users: number;
  children?: UnitRow[];
}

/** Departments with their units beneath; units without a department gathered at the end. */
export function unitTree(units: Unit[], userCounts: Map<string, number>): UnitRow[] {
  const row = (u: Unit): UnitRow => ({ key: u.id, unit: u, name: u.name, users: userCounts.get(u.id) ?? 0 });
  const byName = (a: Unit, b: Unit) => a.name.localeCompare(b.name, 'zh-CN');
  const departments = units.filter((u) => u.kind === 'department').sort(byName);
  const ids = new Set(departments.map((d) => d.id));
  const rows: UnitRow[] = departments.map((d) => {
    const children = units
      .filter((u) => u.parentId === d.id)
      .sort(byName)
      .map(row);
    return { ...row(d), ...(children.length ? { children } : {}) };
  });
  const orphans = units
    .filter((u) => u.kind === 'unit' && (!u.parentId || !ids.has(u.parentId)))
    .sort(byName);
  if (orphans.length) {
    rows.push({
      key: 'no-parent',
      unit: null,
      name: t('admin.units.noParent'),
      users: 0,
      children: orphans.map(row),
    });
  }
  return rows;
}

interface UnitForm {
  name: string;
  kind: 'department' | 'unit';
  parentId?: string;
  regionId?: string;
}

export function UnitsTab() {
  const { message } = App.useApp();
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [users, setUsers] = useState<UserAccount[]>([]);
  const [regions, setRegions] = useState<Region[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<UnitForm>();
  const kind = Form.useWatch('kind', form);

  const load = useCallback(async () => {
    try {
      const [u, us, r] = await Promise.all([
        api.get<{ items: Unit[] }>('/api/units'),
        api.get<{ items: UserAccount[] }>('/api/users'),
        api.get<{ items: Region[] }>('/api/regions'),
      ]);
      setUnits(u.items);
      setUsers(us.items);
      setRegions(r.items);
      setError(null);
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const u of users) if (u.unitId) m.set(u.unitId, (m.get(u.unitId) ?? 0) + 1);
    return m;
  }, [users]);
  const tree = useMemo(() => unitTree(units ?? [], counts), [units, counts]);
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  const departments = (units ?? []).filter((u) => u.kind === 'department');

  const create = async (values: UnitForm) => {
    setSaving(true);
    try {
      await api.post<Unit>('/api/units', {
        name: values.name.trim(),
        kind: values.kind,
        ...(values.kind === 'unit' && values.parentId ? { parentId: values.parentId } : {}),
        ...(values.regionId ? { regionId: values.regionId } : {}),
      });
      message.success(t('admin.unit.created', { name: values.name.trim() }));
      setOpen(false);
      form.resetFields();
      await load();
    } catch (e) {
      if (
        !applyServerError(form, e, { name: 'name', parentId: 'parentId', regionId: 'regionId', kind: 'kind' })
      ) {
        message.error(isApiError(e) ? e.message : String(e));
      }
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<UnitRow> = [
    {
      title: t('admin.unit.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, r) => (
        <Space>
          <span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>{name}</span>
          {r.unit && (
            <Tag color={r.unit.kind === 'department' ? 'blue' : 'default'}>
              {t(`admin.unit.kind.${r.unit.kind}`)}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('admin.units.col.region'),
      key: 'region',
      width: 160,
      render: (_, r) => (r.unit?.regionId ? (regionName.get(r.unit.regionId) ?? '—') : '—'),
    },
    {
      title: t('admin.units.col.users'),
      dataIndex: 'users',
      key: 'users',
      width: 90,
      align: 'right',
      render: (n: number, r) => (r.unit?.kind === 'unit' ? n : ''),
    },
    {
      title: t('admin.units.col.createdAt'),
      key: 'createdAt',
      width: 150,
      render: (_, r) => (r.unit ? dayjs(r.unit.createdAt).format('YYYY-MM-DD HH:mm') : ''),
    },
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <strong>{t('admin.units.tree')}</strong>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.setFieldsValue({ kind: departments.length ? 'unit' : 'department' });
            setOpen(true);
          }}
          data-testid="new-unit"
        >
          {t('admin.units.new')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={t('admin.loadFailed', { message: error })} />}
      <Table<UnitRow>
        size="small"
        columns={columns}
        dataSource={tree}
        loading={units === null && !error}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        key={units ? `loaded-${units.length}` : 'loading'}
        locale={{ emptyText: t('admin.units.empty') }}
        data-testid="unit-tree"
      />
      <FormDialog
        title={t('admin.units.new')}
        open={open}
        onClose={() => setOpen(false)}
        form={form}
        saving={saving}
      >
        <Form<UnitForm> form={form} layout="vertical" onFinish={create} data-testid="unit-form">
          <Form.Item name="kind" label={t('admin.unit.kind')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'department', label: t('admin.unit.kind.department') },
                { value: 'unit', label: t('admin.unit.kind.unit') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('admin.unit.name')}
            rules={[
              { required: true, whitespace: true, message: t('admin.unit.name.required') },
              { max: 100 },
            ]}
          >
            <Input maxLength={100} autoFocus />
          </Form.Item>
          {kind === 'unit' && (
            <Form.Item name="parentId" label={t('admin.unit.parent')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={departments.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
          )}
          <Form.Item name="regionId" label={t('admin.unit.region')}>
            <Select
              allowClear
              placeholder={t('admin.unit.region.none')}
              options={regions.map((r) => ({ value: r.id, label: r.name }))}
            />
          </Form.Item>
        </Form>
      </FormDialog>
    </Space>
  );
}
