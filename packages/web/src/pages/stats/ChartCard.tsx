/**
 * A chart with its figures as a table beside it: the 图表/表格 switch shows either, so every
 * figure can be read exactly (and by a screen reader), not only seen.
 */
import { Card, Segmented } from 'antd';
import { type ReactNode, useState } from 'react';
import { t } from '../../i18n/index.ts';
import { type ChartOption, EChart } from './EChart.tsx';

export type View = 'chart' | 'table';

export function ChartCard({
  id,
  title,
  option,
  table,
  height,
  footer,
  view: forced,
}: {
  id: string;
  title: string;
  option: ChartOption;
  table: ReactNode;
  height?: number;
  footer?: ReactNode;
  /** the view every card shows when the page switches them all */
  view?: View;
}) {
  // What was chosen for this card holds until the page switches all cards.
  const [own, setOwn] = useState<{ view: View; forced: View | undefined } | null>(null);
  const view = own && own.forced === forced ? own.view : (forced ?? 'chart');
  return (
    <Card
      size="small"
      title={title}
      data-testid={`chart-${id}`}
      data-view={view}
      style={{ height: '100%' }}
      extra={
        <Segmented<View>
          size="small"
          aria-label={t('stats.view.label', { title })}
          value={view}
          onChange={(v) => setOwn({ view: v, forced })}
          options={[
            { value: 'chart', label: t('stats.view.chart') },
            { value: 'table', label: t('stats.view.table') },
          ]}
        />
      }
    >
      {view === 'chart' ? <EChart option={option} height={height} label={title} /> : table}
      {footer}
    </Card>
  );
}
