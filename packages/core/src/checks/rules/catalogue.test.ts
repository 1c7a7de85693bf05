import { describe, expect, it } from 'vitest';
import type { Evaluation, EvaluationInput } from '../../model/evaluation.ts';
import { CHECK_DEFAULTS, listProfiles, type ThresholdName } from '../../profiles/registry.ts';
import type { Profile } from '../../profiles/schema.ts';
import { check } from '../check.ts';
import { CHECK_RULES, getRule } from '../registry.ts';
import { RULE_CLASS_NAMES, type RuleClass } from '../types.ts';
import { RULE_CATALOGUE } from './catalogue.ts';
import { CLEAN, clean2022, edited, profile, RULES_A_TO_C, RULES_D_TO_F, SEED } from './testkit.ts';

const HAN = /[\u4e00-\u9fff]/;

describe('the catalogue', () => {
  it('is what the registry serves, every class A→F in order', () => {
    expect(CHECK_RULES).toBe(RULE_CATALOGUE);
    const order = Object.keys(RULE_CLASS_NAMES) as RuleClass[];
    const ranks = RULE_CATALOGUE.map((r) => order.indexOf(r.class));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks)).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(RULES_A_TO_C.length + RULES_D_TO_F.length).toBe(RULE_CATALOGUE.length);
  });
});

describe('the catalogue, classes A–C', () => {
  it('has unique kebab-case codes, each reachable through the registry', () => {
    const codes = RULES_A_TO_C.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of RULES_A_TO_C) {
      expect(r.code).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
      expect(getRule(r.code)).toBe(r);
    }
  });

  it('gives every rule a class of A–C, a Chinese title and a one-line basis', () => {
    for (const r of RULES_A_TO_C) {
      expect(['arithmetic', 'completeness', 'target-quality']).toContain(r.class);
      expect(r.title).toMatch(HAN);
      expect(r.basis).toMatch(HAN);
      expect(r.basis).not.toContain('\n');
    }
  });

  it('lists the classes in order A, B, C', () => {
    const order = { arithmetic: 0, completeness: 1, 'target-quality': 2 } as const;
    const ranks = RULES_A_TO_C.map((r) => order[r.class as keyof typeof order]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('declares a need for weights exactly on the rules that judge a score against its weight', () => {
    const needing = RULES_A_TO_C.filter((r) => r.needs?.includes('weights')).map((r) => r.code);
    expect(needing.sort()).toEqual([
      'qualitative-score-out-of-band',
      'score-exceeds-weight',
      'score-formula-mismatch',
      'weights-sum-mismatch',
    ]);
  });
});

describe('the catalogue, classes D–F', () => {
  it('has a kebab-case code, a class of D–F, a Chinese title and a one-line basis', () => {
    const codes = new Set(RULES_D_TO_F.map((r) => r.code));
    for (const r of RULES_D_TO_F) {
      expect(r.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['classification', 'plausibility', 'history']).toContain(r.class);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
      expect(r.basis).toMatch(/[\u4e00-\u9fff]/);
      expect(r.basis).not.toContain('\n');
    }
    expect(codes.size).toBe(RULES_D_TO_F.length);
  });

  it('declares history as a need exactly for the history class', () => {
    for (const r of RULES_D_TO_F)
      expect(r.needs?.includes('history') ?? false, r.code).toBe(r.class === 'history');
  });
});

describe('thresholds: every one a rule reads is data, none is code', () => {
  /** `p` with its thresholds watched: each name read is added to `asked`. */
  function watched(p: Profile, asked: Set<string>): Profile {
    const thresholds = new Proxy(p.checks.thresholds, {
      get(target, name, receiver) {
        if (typeof name === 'string') asked.add(name);
        return Reflect.get(target, name, receiver);
      },
    });
    return { ...p, checks: { ...p.checks, thresholds } };
  }

  const seed = edited(SEED);
  const seed2022 = edited(SEED, (j: EvaluationInput) => {
    j.year = 2022;
    Object.assign(j.budget, { projectTotal: 200, planned: 200, executed: 200 });
  });
  const forms: [Evaluation, Evaluation[]][] = [
    [seed, []],
    [seed, [seed2022]],
    [edited(CLEAN), []],
    [edited(CLEAN), [clean2022((j) => Object.assign(j.budget, { planned: 100 }))]],
  ];

  it('reads only thresholds each rule declares, and each of them is in check-defaults.json', () => {
    const defaults = Object.keys(CHECK_DEFAULTS.thresholds).sort();
    const readSomewhere = new Set<string>();
    for (const rule of CHECK_RULES) {
      const asked = new Set<string>();
      for (const p of listProfiles()) {
        for (const [ev, history] of forms) {
          const out = check(ev, watched(p, asked), history, { rules: [rule] });
          expect(
            out.filter((f) => f.code === 'rule-failed'),
            rule.code,
          ).toEqual([]);
        }
      }
      const declared: readonly string[] = rule.thresholds ?? [];
      expect([...asked].sort(), rule.code).toEqual([...declared].sort());
      for (const name of declared) expect(defaults, rule.code).toContain(name);
      for (const name of asked) readSomewhere.add(name);
    }
    // …and the data holds no threshold that no rule reads.
    expect([...readSomewhere].sort()).toEqual(defaults);
  });

  it('gives every built-in profile every default threshold', () => {
    for (const p of listProfiles()) {
      for (const [name, value] of Object.entries(CHECK_DEFAULTS.thresholds)) {
        expect(p.checks.thresholds[name as ThresholdName], `${p.id} ${name}`).toBe(value);
      }
    }
  });

  it('reports a rule as failed, never guessing a number, when a profile lacks its threshold', () => {
    const p = profile();
    const thresholds = Object.fromEntries(
      Object.entries(p.checks.thresholds).filter(([name]) => name !== 'targetSetLow'),
    );
    const bare = { ...p, checks: { ...p.checks, thresholds } };
    const rule = getRule('target-set-low');
    if (!rule) throw new Error('target-set-low is not in the catalogue');
    const out = check(edited(CLEAN), bare, [], { rules: [rule] });
    expect(out).toEqual([expect.objectContaining({ code: 'rule-failed', severity: 'warning' })]);
    expect(out[0]?.message).toContain('targetSetLow');
  });
});
