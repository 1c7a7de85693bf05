/** A dialog around a form: 保存 submits it (validation first), 取消 closes it. */
import { type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.ts';

export function FormDialog<T>({
  title,
  open,
  onClose,
  form,
  saving,
  children,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  form: FormInstance<T>;
  saving: boolean;
  children: ReactNode;
}) {
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={saving}
      // The form is mounted while closed too, so its instance is connected before first use.
      forceRender
    >
      {children}
    </Modal>
  );
}
