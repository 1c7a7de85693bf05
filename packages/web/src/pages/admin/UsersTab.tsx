/**
 * The accounts, filtered by role, unit or name, and a dialog to add one. The form follows the
 * server's rules so a person hears of a mistake before sending: a unit for fillers and
 * approvers and none for reviewers and admins, a username of 2–32 letters, digits, `_ . -`,
 * and a password of at least 8 characters, typed twice.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import type { Role, Unit, UserAccount } from '../../api/types.ts';
import { t } from '../../i18n/index.ts';
import { FormDialog } from './FormDialog.tsx';
import { applyServerError } from './formErrors.ts';

const ROLES: Role[] = ['filler', 'approver', 'reviewer', 'admin'];
const UNIT_ROLES: Role[] = ['filler', 'approver'];
const ROLE_COLORS: Record<Role, string> = {
  admin: 'red',
  reviewer: 'purple',
  approver: 'blue',
  filler: 'default',
};
export const MIN_PASSWORD_LENGTH = 8;

interface UserForm {
  username: string;
  displayName?: string;
  role: Role;
  unitId?: string;
  password: string;
  repeat: string;
}

export function UsersTab() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [users, setUsers] = useState<UserAccount[] | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);

  const roleFilter = params.get('role') as Role | null;
  const unitFilter = params.get('unit');
  const search = params.get('q') ?? '';
  const setFilter = (key: string, value: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const load = useCallback(async () => {
    try {
      const [us, u] = await Promise.all([
        api.get<{ items: UserAccount[] }>('/api/users'),
        api.get<{ items: Unit[] }>('/api/units'),
      ]);
      setUsers(us.items);
      setUnits(u.items);
      setError(null);
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const unitName = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  const unitOptions = units
    .filter((u) => u.kind === 'unit')
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    .map((u) => ({ value: u.id, label: u.name }));
  const shown = (users ?? []).filter(
    (u) =>
      (!roleFilter || u.role === roleFilter) &&
      (!unitFilter || u.unitId === unitFilter) &&
      (!search || `${u.username} ${u.displayName ?? ''}`.toLowerCase().includes(search.toLowerCase())),
  );

  const create = async (values: UserForm) => {
    setSaving(true);
    try {
      const body = {
        username: values.username.trim(),
        password: values.password,
        role: values.role,
        ...(values.displayName?.trim() ? { displayName: values.displayName.trim() } : {}),
        ...(UNIT_ROLES.includes(values.role) && values.unitId ? { unitId: values.unitId } : {}),
      };
      await api.post<UserAccount>('/api/users', body);
      message.success(t('admin.user.created', { name: body.username }));
      setOpen(false);
      form.resetFields();
      await load();
    } catch (e) {
      const fields = { username: 'username', password: 'password', role: 'role', unitId: 'unitId' } as const;
      if (!applyServerError(form, e, fields)) message.error(isApiError(e) ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<UserAccount> = [
    {
      title: t('admin.user.username'),
      dataIndex: 'username',
      key: 'username',
      width: 160,
      sorter: (a, b) => a.username.localeCompare(b.username),
    },
    {
      title: t('admin.user.displayName'),
      dataIndex: 'displayName',
      key: 'displayName',
      render: (n: string | null) => n ?? '—',
    },
    {
      title: t('admin.user.role'),
      dataIndex: 'role',
      key: 'role',
      width: 120,
      sorter: (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role),
      render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{t(`role.${r}`)}</Tag>,
    },
    {
      title: t('admin.user.unit'),
      dataIndex: 'unitId',
      key: 'unit',
      sorter: (a, b) =>
        (unitName.get(a.unitId ?? '') ?? '').localeCompare(unitName.get(b.unitId ?? '') ?? '', 'zh-CN'),
      render: (id: string | null) => (id ? (unitName.get(id) ?? id) : '—'),
    },
    {
      title: t('admin.user.status'),
      dataIndex: 'disabled',
      key: 'disabled',
      width: 90,
      render: (d: boolean) =>
        d ? (
          <Tag>{t('admin.user.status.disabled')}</Tag>
        ) : (
          <Tag color="green">{t('admin.user.status.active')}</Tag>
        ),
    },
    {
      title: t('admin.user.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      // Newest first, so an account just made is at the top.
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
    },
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Select
            aria-label={t('admin.users.filter.role')}
            placeholder={t('admin.users.filter.role')}
            allowClear
            style={{ width: 140 }}
            value={roleFilter ?? undefined}
            onChange={(v) => setFilter('role', v)}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
          <Select
            aria-label={t('admin.users.filter.unit')}
            placeholder={t('admin.users.filter.unit')}
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 240 }}
            value={unitFilter ?? undefined}
            onChange={(v) => setFilter('unit', v)}
            options={unitOptions}
          />
          <Input.Search
            aria-label={t('admin.users.filter.search')}
            placeholder={t('admin.users.filter.search')}
            allowClear
            defaultValue={search}
            style={{ width: 220 }}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
          />
        </Space>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.setFieldsValue({ role: 'filler' });
            setOpen(true);
          }}
          data-testid="new-user"
        >
          {t('admin.users.new')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={t('admin.loadFailed', { message: error })} />}
      <Table<UserAccount>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={shown}
        loading={users === null && !error}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('empty') }}
        data-testid="user-table"
      />
      <FormDialog
        title={t('admin.users.new')}
        open={open}
        onClose={() => setOpen(false)}
        form={form}
        saving={saving}
      >
        <Form<UserForm>
          form={form}
          layout="vertical"
          onFinish={create}
          data-testid="user-form"
          autoComplete="off"
        >
          <Form.Item
            name="username"
            label={t('admin.user.username')}
            rules={[
              { required: true, message: t('admin.user.username.required') },
              { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: t('admin.user.username.rule') },
            ]}
          >
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('admin.user.displayName')} rules={[{ max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="role"
            label={t('admin.user.role')}
            rules={[{ required: true, message: t('admin.user.role.required') }]}
          >
            <Select
              options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              onChange={(r: Role) => {
                if (!UNIT_ROLES.includes(r)) form.setFieldValue('unitId', undefined);
              }}
            />
          </Form.Item>
          <Form.Item
            name="unitId"
            label={t('admin.user.unit')}
            rules={[{ required: UNIT_ROLES.includes(role), message: t('admin.user.unit.required') }]}
          >
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              disabled={!UNIT_ROLES.includes(role)}
              placeholder={UNIT_ROLES.includes(role) ? undefined : t('admin.user.unit.none')}
              options={unitOptions}
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('admin.user.password')}
            extra={t('admin.user.password.help')}
            rules={[
              { required: true, message: t('admin.user.password.rule') },
              { min: MIN_PASSWORD_LENGTH, message: t('admin.user.password.rule') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t('admin.user.password.repeat')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('admin.user.password.mismatch') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('admin.user.password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </FormDialog>
    </Space>
  );
}
