/**
 * A form as a government site publishes it: the page's navigation (sometimes inside an outer
 * layout table), the title in <p>, and the form as a bordered table with rowspan and colspan,
 * <br> for line breaks, &nbsp; in empty cells and entities such as &ge;.
 */
import type { FormDoc } from './document.ts';
import type { Rng } from './random.ts';

function escapeHtml(text: string, entities: boolean): string {
  let s = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (entities)
    s = s.replace(/≥/g, '&ge;').replace(/≤/g, '&le;').replace(/“/g, '&ldquo;').replace(/”/g, '&rdquo;');
  return s.replace(/\n/g, '<br>');
}

export function renderHtml(doc: FormDoc, rng: Rng): string {
  const entities = rng.chance(0.5);
  const wrapped = rng.chance(0.5);
  const cell = (text: string, cs: number, rs: number) => {
    const attrs = (cs > 1 ? ` colspan="${cs}"` : '') + (rs > 1 ? ` rowspan="${rs}"` : '');
    return `<td${attrs}>${text.trim() === '' ? '&nbsp;' : escapeHtml(text, entities)}</td>`;
  };
  const rows = doc.rows.map((r) => `      <tr>${r.cells.map((c) => cell(c.text, c.cs, c.rs)).join('')}</tr>`);
  const title = doc.title[doc.title.length - 1] ?? '';
  const body = [
    ...doc.title.map((t) => `    <p align="center"><b>${escapeHtml(t, entities)}</b></p>`),
    ...(doc.before.length > 0
      ? [`    <p>${doc.before.map((b) => escapeHtml(b, entities)).join('&nbsp;&nbsp;&nbsp;&nbsp;')}</p>`]
      : []),
    '    <table border="1" cellspacing="0" cellpadding="2" style="border-collapse:collapse">',
    ...rows,
    '    </table>',
    ...doc.after.map((a) => `    <p>${escapeHtml(a, entities)}</p>`),
  ];
  const nav =
    '当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zwgk">政务公开</a>&nbsp;&gt;&nbsp;绩效评价';
  const page = wrapped
    ? [
        '<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">',
        `  <tr><td class="nav">${nav}</td></tr>`,
        '  <tr><td>',
        ...body,
        '  </td></tr>',
        '</table>',
      ]
    : [`<div class="nav">${nav}</div>`, '<div class="content">', ...body, '</div>'];
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
    `<title>${escapeHtml(title, false)}</title>`,
    '</head>',
    '<body>',
    ...page,
    '<p class="foot">主办单位：人民政府办公室&nbsp;&nbsp;技术支持：信息中心</p>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
