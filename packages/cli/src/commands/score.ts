/** `jixiao score FILE.json`: recompute and explain every score of a form. */
import { type Evaluation, plain, resolveProfile, type ScoreResult, score } from '@jixiao/core';
import { loadEvaluation } from '../load.ts';
import { renderTable } from '../table.ts';

export interface ScoreOptions {
  profile?: string;
  json?: boolean;
}

const STATUS_TEXT: Record<string, string> = {
  scored: '已核算',
  qualitative: '定性',
  unverifiable: '无法核验',
  unscorable: '无法计分',
  'not-applicable': '不适用',
};

const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : plain(v));

export function formatScore(file: string, ev: Evaluation, r: ScoreResult): string {
  const out: string[] = [];
  const title = [
    ev.year ? `${ev.year}年度` : '',
    ev.unit ?? '（未填单位）',
    ev.project ? `「${ev.project}」` : '',
  ]
    .filter(Boolean)
    .join(' ');
  out.push(`${file}`);
  out.push(
    `${title}  ${ev.kind === 'department' ? '部门（单位）整体绩效自评表' : '项目支出绩效自评表'}  评分规则：${r.profile}`,
  );
  out.push('');
  const b = r.budget;
  out.push(
    `预算执行：预算数 ${n(b.planned)}，执行数 ${n(b.executed)}，执行率 填报 ${b.rate.reported === null ? '—' : `${plain(b.rate.reported * 100)}%`} / 计算 ${b.rate.computed === null ? '—' : `${plain(Math.round(b.rate.computed * 1000) / 10)}%`}，` +
      `得分 填报 ${n(b.score.reported)} / 计算 ${n(b.score.computed)}（分值 ${b.weight}）`,
  );
  out.push(`  ${b.explanation}`);
  out.push('');
  const goalOf = new Map(ev.goals.map((g, i) => [g.id, `目标${i + 1}`]));
  const rows = r.indicators.map((s) => {
    const ind = ev.indicators[s.index]!;
    return [
      String(s.index + 1),
      ind.goal ? (goalOf.get(ind.goal) ?? ind.goal) : '',
      ind.name,
      ind.target.raw,
      ind.actual.raw,
      n(s.weight),
      n(s.reported),
      n(s.computed),
      STATUS_TEXT[s.status] ?? s.status,
    ];
  });
  out.push(
    renderTable(
      [
        { title: '#', align: 'right' },
        { title: '目标' },
        { title: '三级指标', max: 30 },
        { title: '目标值', max: 16 },
        { title: '实际值', max: 16 },
        { title: '分值', align: 'right' },
        { title: '填报', align: 'right' },
        { title: '计算', align: 'right' },
        { title: '状态' },
      ],
      rows,
    ),
  );
  out.push('');
  out.push('计分说明：');
  for (const s of r.indicators) out.push(`  ${s.index + 1}. ${s.explanation}`);
  out.push('');
  const t = r.totals;
  out.push(
    `总分：填报 ${n(t.reported)}；分项合计 ${n(t.reportedSum)}（预算 ${n(b.score.reported)} + 指标 ${n(t.indicatorsReported)}）；` +
      `重新计算 ${n(t.computed)}${t.computedComplete ? '' : '（部分指标以填报得分代替）'}`,
  );
  out.push(
    `等级：按填报总分 ${r.grade.fromReported ?? '—'}；按计算总分 ${r.grade.computed ?? '—'}${r.grade.reported ? `；表上填写 ${r.grade.reported}` : ''}`,
  );
  const c = r.counts;
  out.push(
    `指标：已核算 ${c.scored}，定性 ${c.qualitative}，无法核验 ${c.unverifiable}，无法计分 ${c.unscorable}，不适用 ${c['not-applicable']}`,
  );
  if (r.differences.length > 0) {
    out.push('');
    out.push(`与填报数不符（${r.differences.length} 处）：`);
    for (const d of r.differences) out.push(`  - ${d.path}：${d.message}`);
  }
  if (r.notes.length > 0) {
    out.push('');
    for (const note of r.notes) out.push(`注：${note}`);
  }
  return out.join('\n');
}

/** Returns the exit code: 0 scored, 2 unreadable input or unknown profile. */
export async function runScore(
  file: string,
  opts: ScoreOptions,
  io: { out: (s: string) => void; err: (s: string) => void },
) {
  const loaded = await loadEvaluation(file);
  if (!loaded.ok) {
    io.err(loaded.message);
    return 2;
  }
  const resolved = resolveProfile(opts.profile, loaded.evaluation.profile);
  if ('error' in resolved) {
    io.err(`${file}：${resolved.error}`);
    return 2;
  }
  const result = score(loaded.evaluation, resolved.profile);
  if (opts.json) io.out(JSON.stringify({ file, profile: resolved.profile.id, score: result }, null, 2));
  else io.out(formatScore(file, loaded.evaluation, result));
  return 0;
}
