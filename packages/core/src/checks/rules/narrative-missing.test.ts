import { describe, expect, it } from 'vitest';
import { narrativeMissing } from './narrative-missing.ts';
import { form, places, profile, row, run } from './testkit.ts';

const hubei = profile('hubei-2020');
const hubeiBudget = { weight: 20, score: 20 };

describe('narrative-missing', () => {
  it('reports a blank 改进措施 on a Hubei form (the seed)', () => {
    const ev = form([], {
      budget: hubeiBudget,
      deviationAnalysis: '各项指标均按计划完成。',
      improvementPlan: null,
    });
    expect(run(narrativeMissing, ev, hubei)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'improvementPlan',
        place: '改进措施及结果应用方案',
        message:
          '“改进措施及结果应用方案”未填写；应针对存在的问题提出改进措施，并说明自评结果如何应用（如用于下年预算安排）。',
      }),
    ]);
  });

  it('asks for the analysis of what deviated, naming it', () => {
    const ev = form([row('带动贫困户', '11442', '4164')], {
      budget: hubeiBudget,
      improvementPlan: '加强主体管理，结果用于下年预算安排。',
    });
    expect(run(narrativeMissing, ev, hubei)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'deviationAnalysis',
        message:
          '“偏差大或目标未完成原因分析”未填写，而有 1 个指标未达成目标或未得满分（带动贫困户），应逐项分析原因。',
      }),
    ]);
  });

  it('is info for a blank analysis when nothing deviated', () => {
    const ev = form([row('a', '≥1个', '1个')], {
      budget: hubeiBudget,
      improvementPlan: '结果用于下年预算安排。',
    });
    expect(run(narrativeMissing, ev, hubei)[0]?.severity).toBe('info');
  });

  it('treats the template’s instructions as blank', () => {
    const ev = form([], {
      improvementPlan: '针对项目自评中发现的问题,提出下一步改进完善的意见及有关政策性建议。(200字以内)',
    });
    const [finding] = run(narrativeMissing, ev, profile('sichuan-2023'));
    expect(finding?.message).toContain('只保留了模板的填写说明');
  });

  it('does not ask national project forms for footers their template does not print', () => {
    expect(run(narrativeMissing, form([row('a', '≥95%', '92%')]))).toEqual([]);
    // A cell that is there but blank ("") is reported whatever the layout.
    expect(places(run(narrativeMissing, form([], { improvementPlan: '' })))).toEqual([
      'narrative-missing improvementPlan',
    ]);
  });

  it('asks Sichuan forms for 改进措施 but not for a 偏差分析 their footer lacks', () => {
    expect(places(run(narrativeMissing, form([]), profile('sichuan-2023')))).toEqual([
      'narrative-missing improvementPlan',
    ]);
  });
});
