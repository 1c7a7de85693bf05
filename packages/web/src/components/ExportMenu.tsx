import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { exportHref } from '../api/client.ts';
import { t } from '../i18n/index.ts';

export const EXPORT_FORMATS = [
  { key: 'xlsx', label: 'Excel（.xlsx）' },
  { key: 'pdf', label: 'PDF（.pdf）' },
  { key: 'docx', label: 'Word（.docx）' },
  { key: 'md', label: 'Markdown（.md）' },
  { key: 'csv', label: 'CSV（.csv）' },
  { key: 'json', label: 'JSON（.json）' },
] as const;

/**
 * 导出: a download of the form in the official layout of its profile, made by the server
 * (the same writers as `jixiao export`). Plain links: the browser saves the file with the
 * name the server gives it.
 */
export function ExportMenu({ id, size }: { id: string; size?: 'small' | 'middle' }) {
  return (
    <Dropdown
      menu={{
        items: EXPORT_FORMATS.map((f) => ({
          key: f.key,
          label: (
            <a href={exportHref(id, f.key)} download data-format={f.key}>
              {f.label}
            </a>
          ),
        })),
      }}
    >
      <Button size={size} icon={<DownloadOutlined />}>
        {t('action.export')}
      </Button>
    </Dropdown>
  );
}
