/**
 * The audit report (复核报告) of one form, in Markdown or self-contained HTML: the summary and
 * grade, the score recomputation table, the findings by class, and for each gap a suggested
 * wording for the unit's 偏差分析 / 改进措施 text.
 */
import {
  countFindings,
  type Evaluation,
  type Finding,
  percentText,
  plain,
  RULE_CLASS_NAMES,
  type RuleClass,
  type ScoreResult,
  type Suggestion,
  suggestWording,
} from '@jixiao/core';

export interface AuditInput {
  file: string;
  evaluation: Evaluation;
  score: ScoreResult;
  findings: Finding[];
  /** the profile's Chinese name */
  profileName: string;
}

const SEVERITY_WORDS = { error: '错误', warning: '警告', info: '提示' } as const;
const STATUS_WORDS: Record<string, string> = {
  scored: '已核算',
  qualitative: '定性',
  unverifiable: '无法核验',
  unscorable: '无法计分',
  'not-applicable': '不适用',
};

const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : plain(v));
const pct = (v: number | null) => (v === null ? '—' : percentText(v, 1));

interface Section {
  title: string;
  paragraphs?: string[];
  table?: { head: string[]; rows: string[][]; numeric?: number[] };
  items?: string[];
}

function title(ev: Evaluation): string {
  const form = ev.kind === 'department' ? '部门（单位）整体绩效自评表' : '项目支出绩效自评表';
  return `${ev.year ? `${ev.year}年度` : ''}${ev.unit ?? '（未填单位）'}${ev.project ? `「${ev.project}」` : ''}${form}复核报告`;
}

function sections(input: AuditInput): Section[] {
  const { evaluation: ev, score: r, findings } = input;
  const counts = countFindings(findings);
  const out: Section[] = [];
  out.push({
    title: '概况',
    table: {
      head: ['项目', '内容'],
      rows: [
        ['文件', input.file],
        ['单位', ev.unit ?? '—'],
        ['主管部门', ev.department ?? '—'],
        ...(ev.project ? [['项目名称', ev.project]] : []),
        ['年度', ev.year === null ? '—' : String(ev.year)],
        ['评分规则', `${input.profileName}（${r.profile}）`],
        ['填报总分', num(r.totals.reported)],
        ['分项合计（预算执行得分 + 指标得分）', num(r.totals.reportedSum)],
        [
          '重新计算总分',
          `${num(r.totals.computed)}${r.totals.computedComplete ? '' : '（部分指标无法核验，以填报得分代替）'}`,
        ],
        [
          '等级（按填报总分 / 按计算总分 / 表上填写）',
          `${r.grade.fromReported ?? '—'} / ${r.grade.computed ?? '—'} / ${r.grade.reported ?? '—'}`,
        ],
        ['复核发现', `${counts.error} 个错误，${counts.warning} 个警告，${counts.info} 个提示`],
      ],
    },
  });
  out.push({
    title: '预算执行情况',
    paragraphs: [
      `预算数 ${num(r.budget.planned)}，执行数 ${num(r.budget.executed)}；执行率填报 ${pct(r.budget.rate.reported)}，计算 ${pct(r.budget.rate.computed)}；得分填报 ${num(r.budget.score.reported)}，计算 ${num(r.budget.score.computed)}（分值 ${plain(r.budget.weight)}）。`,
      r.budget.explanation,
    ],
  });
  const goalNo = new Map(ev.goals.map((g, i) => [g.id, `目标${i + 1}`]));
  out.push({
    title: '得分重新计算',
    table: {
      head: [
        '#',
        '目标',
        '一级/二级指标',
        '三级指标',
        '目标值',
        '实际值',
        '分值',
        '填报得分',
        '计算得分',
        '状态',
        '计分说明',
      ],
      numeric: [0, 6, 7, 8],
      rows: r.indicators.map((s) => {
        const ind = ev.indicators[s.index]!;
        return [
          String(s.index + 1),
          ind.goal ? (goalNo.get(ind.goal) ?? ind.goal) : '',
          [ind.level1, ind.level2].filter(Boolean).join(' / '),
          ind.name,
          ind.target.raw,
          ind.actual.raw,
          num(s.weight),
          num(s.reported),
          num(s.computed),
          STATUS_WORDS[s.status] ?? s.status,
          s.explanation,
        ];
      }),
    },
    paragraphs: r.notes,
  });
  const classes = Object.keys(RULE_CLASS_NAMES) as RuleClass[];
  for (const cls of classes) {
    const fs = findings.filter((f) => f.class === cls);
    if (fs.length === 0) continue;
    out.push({
      title: `复核发现：${RULE_CLASS_NAMES[cls]}`,
      items: fs.map(
        (f) => `【${SEVERITY_WORDS[f.severity]}】${f.place}：${f.message}（${f.code}；依据：${f.basis}）`,
      ),
    });
  }
  if (findings.length === 0) out.push({ title: '复核发现', paragraphs: ['未发现问题。'] });
  const suggestions = findings
    .map((f) => ({ f, s: suggestWording(f, ev, r) }))
    .filter((x): x is { f: Finding; s: Suggestion } => x.s !== null);
  if (suggestions.length > 0) {
    const fieldWords = {
      deviation: '偏差原因',
      deviationAnalysis: '偏差大或目标未完成原因分析',
      improvementPlan: '改进措施及结果应用方案',
    };
    out.push({
      title: '建议补充的文字（供单位参考，“……”处请据实填写）',
      items: suggestions.map(({ f, s }) => `${f.place} — ${fieldWords[s.field]}：${s.text}`),
    });
  }
  return out;
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderAuditMarkdown(input: AuditInput): string {
  const out: string[] = [`# ${title(input.evaluation)}`, ''];
  for (const sec of sections(input)) {
    out.push(`## ${sec.title}`, '');
    if (sec.table) {
      out.push(`| ${sec.table.head.map(mdCell).join(' | ')} |`);
      out.push(
        `| ${sec.table.head.map((_, i) => (sec.table?.numeric?.includes(i) ? '---:' : '---')).join(' | ')} |`,
      );
      for (const row of sec.table.rows) out.push(`| ${row.map(mdCell).join(' | ')} |`);
      out.push('');
    }
    for (const p of sec.paragraphs ?? []) out.push(p, '');
    if (sec.items) {
      for (const item of sec.items) out.push(`- ${item.replace(/\r?\n/g, ' ')}`);
      out.push('');
    }
  }
  return out.join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const CSS = `body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em auto;max-width:1200px;color:#1f1f1f;line-height:1.6}
h1{font-size:1.5em}h2{font-size:1.15em;border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#f3f5f7}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
li{margin:.3em 0}.error{color:#b42318}.warning{color:#9a6700}.info{color:#445}`;

export function renderAuditHtml(input: AuditInput): string {
  const t = escapeHtml(title(input.evaluation));
  const body: string[] = [`<h1>${t}</h1>`];
  for (const sec of sections(input)) {
    body.push(`<h2>${escapeHtml(sec.title)}</h2>`);
    if (sec.table) {
      const numeric = new Set(sec.table.numeric ?? []);
      body.push('<table><thead><tr>');
      body.push(sec.table.head.map((h) => `<th>${escapeHtml(h)}</th>`).join(''));
      body.push('</tr></thead><tbody>');
      for (const row of sec.table.rows) {
        body.push(
          `<tr>${row.map((c, i) => `<td${numeric.has(i) ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`,
        );
      }
      body.push('</tbody></table>');
    }
    for (const p of sec.paragraphs ?? []) body.push(`<p>${escapeHtml(p)}</p>`);
    if (sec.items) {
      body.push('<ul>');
      for (const item of sec.items) {
        const sev = item.startsWith('【错误】')
          ? 'error'
          : item.startsWith('【警告】')
            ? 'warning'
            : item.startsWith('【提示】')
              ? 'info'
              : '';
        body.push(`<li${sev ? ` class="${sev}"` : ''}>${escapeHtml(item)}</li>`);
      }
      body.push('</ul>');
    }
  }
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t}</title><style>${CSS}</style></head><body>\n${body.join('\n')}\n</body></html>\n`;
}
