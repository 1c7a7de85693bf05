import { describe, expect, it } from 'vitest';
import { scoreExceedsWeight } from './score-exceeds-weight.ts';
import { form, places, row, run } from './testkit.ts';

describe('score-exceeds-weight', () => {
  it('reports a score above its weight (Yunnan back-computed: 31.9 on a 20-point row)', () => {
    const ev = form([
      row('新型经营主体实现产值', '8000', '12767.36', 20, 31.9),
      row('满意度', '≥90%', '100%', 10, 10),
    ]);
    expect(run(scoreExceedsWeight, ev)).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'indicators[0].score',
        message: '“新型经营主体实现产值”得分 31.9 分，超过其分值 20 分；指标得分不得超过分值。',
      }),
    ]);
  });

  it('measures against the rescaled weight when other rows do not apply', () => {
    // 45 + 45 of 90 with one 45 dropped: the remaining row is worth 90.
    const ev = form([row('a', '≥1个', '1个', 45, 50), row('b', '≥1个', '', 45, null, { applicable: false })]);
    expect(run(scoreExceedsWeight, ev)).toEqual([]);
    const over = form([
      row('a', '≥1个', '1个', 45, 95),
      row('b', '≥1个', '', 45, null, { applicable: false }),
    ]);
    expect(run(scoreExceedsWeight, over)[0]?.message).toBe(
      '“a”得分 95 分，超过其分值 90 分（原分值 45 分，因有指标不适用按比例调整）；指标得分不得超过分值。',
    );
  });

  it('is skipped, with one weights-unknown info, when the form gives no weights', () => {
    const ev = form([row('新型经营主体实现产值', '8000', '12767.36', null, 31.9)]);
    expect(places(run(scoreExceedsWeight, ev))).toEqual(['weights-unknown indicators']);
  });
});
