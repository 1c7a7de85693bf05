/**
 * Demo data for a new database: units in a hierarchy, forms from real published samples in
 * every workflow status, a year of targets-first work, and one account per role. The accounts
 * and their shared password exist only here, never in a database that did not ask for the demo.
 */
import { readFileSync } from 'node:fs';
import { type Evaluation, validate } from '@jixiao/core';
import { generateForm } from '@jixiao/formats/corpus/generate';
import { hashPassword } from '../auth/password.ts';
import { acceptEvaluation } from '../commands/acceptEvaluation.ts';
import { approveEvaluation } from '../commands/approveEvaluation.ts';
import { approveTargets } from '../commands/approveTargets.ts';
import { createEvaluation } from '../commands/createEvaluation.ts';
import { createUnit } from '../commands/createUnit.ts';
import { createUserUnchecked } from '../commands/createUser.ts';
import { declareTargets } from '../commands/declareTargets.ts';
import { publishEvaluation } from '../commands/publishEvaluation.ts';
import { returnEvaluation } from '../commands/returnEvaluation.ts';
import { setDeadline } from '../commands/setDeadline.ts';
import { submitEvaluation } from '../commands/submitEvaluation.ts';
import type { Actor, Role, Status } from '../domain.ts';
import { newId } from '../ids.ts';
import { nowIso } from '../store/dialect.ts';
import { insertRegion } from '../store/repos/regions.ts';
import type { Unit } from '../store/repos/units.ts';
import { listUsers } from '../store/repos/users.ts';
import type { Db } from '../store/schema.ts';

export const DEMO_PASSWORD = 'jixiao-demo';

export const SEED_UNIT = '光谷现代服务业园建设服务中心';

function demoDocument(name: string): Evaluation {
  return JSON.parse(readFileSync(new URL(`./data/${name}.json`, import.meta.url), 'utf8')) as Evaluation;
}

interface DemoForm {
  file: string;
  unit: string;
  region: 'hubei' | 'sichuan' | 'national';
  /** the sample does not print a year; the file name says which */
  year?: number;
  status: Status | 'returned';
}

const FORMS: DemoForm[] = [
  { file: 'seed-hubei-dept-2023', unit: SEED_UNIT, region: 'hubei', status: 'published' },
  { file: 'anhui-project-2022', unit: '天长市水利局', region: 'national', status: 'accepted' },
  { file: 'anhui-project-2023-core-rows', unit: '张庄寨镇人民政府', region: 'national', status: 'approved' },
  {
    file: 'hebei-project-2019-paragraphs',
    unit: '廊坊市食品工程学校',
    region: 'national',
    status: 'submitted',
  },
  { file: 'hubei-project-2021-cell-per-line', unit: '鄂州市行政审批局', region: 'hubei', status: 'draft' },
  {
    file: 'sichuan-510000-template-2023',
    unit: '青神县发展和改革局',
    region: 'sichuan',
    status: 'published',
  },
  {
    file: 'yunnan-project-2019',
    unit: '施甸县农业农村局',
    region: 'national',
    year: 2019,
    status: 'returned',
  },
];

const REGIONS = {
  hubei: { name: '湖北省', profileId: 'hubei-2020' },
  sichuan: { name: '四川省', profileId: 'sichuan-2023' },
  national: { name: '全国通用', profileId: 'national-2020' },
} as const;

/**
 * The generated corpus (formats' seeded generator): 15 series of a unit's form, each filled in
 * for 2023 and again for 2024, over 8 units of the three regions, so that the dashboard has
 * two years to compare and the checks have a previous year to compare with. Same seed, same
 * forms, on every machine.
 */
export const CORPUS_SEED = 2024;
export const CORPUS_YEARS = [2023, 2024] as const;
const CORPUS_UNITS = 8;
const CORPUS_SERIES = 15;
// 2023's forms are mostly through the workflow by now; 2024's are spread over every status.
const CORPUS_STATUSES: Record<(typeof CORPUS_YEARS)[number], readonly Status[]> = {
  2023: ['published', 'accepted', 'published', 'approved', 'published'],
  2024: ['draft', 'submitted', 'approved', 'accepted', 'published'],
};
const PROFILE_REGION: Record<string, keyof typeof REGIONS> = {
  'hubei-2020': 'hubei',
  'sichuan-2023': 'sichuan',
  'national-2020': 'national',
};

export interface CorpusDemoForm {
  unit: string;
  region: keyof typeof REGIONS;
  year: number;
  status: Status;
  document: Evaluation;
}

function corpusDocument(truth: unknown, year: number, over: Partial<Evaluation>): Evaluation {
  const r = validate(JSON.parse(JSON.stringify(truth)));
  if (!r.ok) throw new Error(`generated corpus form is invalid: ${r.errors[0]?.message ?? ''}`);
  const filledOn = r.evaluation.filledOn === null ? null : `${year + 1}${r.evaluation.filledOn.slice(4)}`;
  return { ...r.evaluation, ...over, year, filledOn };
}

/** The corpus forms of the demo, in the order they are entered (each series' 2023 form first). */
export function corpusDemoForms(): CorpusDemoForm[] {
  const anchors = Array.from({ length: CORPUS_UNITS }, (_, i) => generateForm(CORPUS_SEED, i));
  const out: CorpusDemoForm[] = [];
  for (let s = 0; s < CORPUS_SERIES; s++) {
    const anchor = anchors[s % CORPUS_UNITS]!;
    // A unit's second series is a project: a Hubei department form has no second one.
    const layout: ReturnType<typeof generateForm>['layout'] =
      s < CORPUS_UNITS
        ? anchor.layout
        : anchor.layout === 'hubei-department'
          ? 'hubei-project'
          : anchor.layout;
    const first = s < CORPUS_UNITS ? anchor : generateForm(CORPUS_SEED, s, layout);
    const region = PROFILE_REGION[anchor.truth.profile] ?? 'national';
    const same = { unit: anchor.unit, department: anchor.department, project: first.project };
    for (const [k, year] of CORPUS_YEARS.entries()) {
      const form = k === 0 ? first : generateForm(CORPUS_SEED, 1000 + s, layout);
      const statuses = CORPUS_STATUSES[year];
      out.push({
        unit: anchor.unit,
        region,
        year,
        status: statuses[s % statuses.length]!,
        document: corpusDocument(form.truth, year, { ...same, project: first.truth.project }),
      });
    }
  }
  return out;
}

export interface DemoAccount {
  username: string;
  role: Role;
  unit: string | null;
}

/** True when the database has no accounts yet: the only time demo data may be loaded. */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  return (await listUsers(db)).length === 0;
}

export async function loadDemo(db: Db): Promise<DemoAccount[]> {
  if (!(await isEmptyDatabase(db))) {
    throw new Error('数据库中已有用户，演示数据只能载入新数据库。');
  }
  const at = nowIso();
  const regionIds: Record<keyof typeof REGIONS, string> = { hubei: '', sichuan: '', national: '' };
  for (const [key, r] of Object.entries(REGIONS) as [
    keyof typeof REGIONS,
    (typeof REGIONS)[keyof typeof REGIONS],
  ][]) {
    regionIds[key] = newId();
    await insertRegion(db, { id: regionIds[key], name: r.name, profileId: r.profileId, createdAt: at });
  }

  // Every demo account has the one published password: hashed once, not once per account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const account = async (
    username: string,
    role: Role,
    unitId: string | null,
    displayName: string,
  ): Promise<Actor> => {
    const u = await createUserUnchecked(
      db,
      null,
      { username, password: DEMO_PASSWORD, role, unitId, displayName },
      { passwordHash },
    );
    return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId };
  };
  const admin = await account('admin', 'admin', null, '系统管理员（演示）');
  const reviewer = await account('reviewer', 'reviewer', null, '财政复核人（演示）');

  const department = await createUnit(db, admin, { name: '演示主管部门', kind: 'department' });
  const unitIds = new Map<string, string>();
  for (const f of FORMS) {
    if (unitIds.has(f.unit)) continue;
    const u = await createUnit(db, admin, {
      name: f.unit,
      kind: 'unit',
      parentId: department.id,
      regionId: regionIds[f.region],
    });
    unitIds.set(f.unit, u.id);
  }
  const seedUnit = unitIds.get(SEED_UNIT) as string;
  const otherUnit = unitIds.get('天长市水利局') as string;
  const approver = await account('approver', 'approver', seedUnit, '单位负责人（演示）');
  const filler = await account('filler', 'filler', seedUnit, '单位填报人（演示）');
  const filler2 = await account('filler2', 'filler', otherUnit, '天长市水利局填报人（演示）');

  // Other units' forms are entered as their own people would; each unit gets a filler and an approver.
  const people = new Map<string, { filler: Actor; approver: Actor }>([[seedUnit, { filler, approver }]]);
  const peopleOf = async (unitId: string, n: number) => {
    const known = people.get(unitId);
    if (known) return known;
    const p = {
      filler:
        unitId === otherUnit
          ? filler2
          : await account(`demo-filler-${n}`, 'filler', unitId, `填报人${n}（演示）`),
      approver: await account(`demo-approver-${n}`, 'approver', unitId, `负责人${n}（演示）`),
    };
    people.set(unitId, p);
    return p;
  };

  /** Creates the form as the unit's filler and walks it through the workflow up to `status`. */
  const enter = async (
    document: Evaluation,
    unitId: string,
    p: { filler: Actor; approver: Actor },
    status: Status,
  ): Promise<string> => {
    const { evaluation } = await createEvaluation(db, p.filler, { document, unitId });
    const id = evaluation.id;
    const steps: Status[] = ['submitted', 'approved', 'accepted', 'published'];
    for (const step of steps.slice(0, steps.indexOf(status) + 1)) {
      if (step === 'submitted') await submitEvaluation(db, p.filler, { id });
      if (step === 'approved') await approveEvaluation(db, p.approver, { id });
      if (step === 'accepted') await acceptEvaluation(db, reviewer, { id });
      if (step === 'published') await publishEvaluation(db, reviewer, { id });
    }
    return id;
  };

  let n = 0;
  for (const f of FORMS) {
    n++;
    const unitId = unitIds.get(f.unit) as string;
    const p = await peopleOf(unitId, n);
    const document = demoDocument(f.file);
    if (f.year !== undefined && document.year === null) document.year = f.year;
    const id = await enter(document, unitId, p, f.status === 'returned' ? 'approved' : f.status);
    if (f.status === 'returned') {
      await returnEvaluation(db, reviewer, {
        id,
        comments: [
          { path: 'indicators[0].score', body: '得分高于该指标可能的分值，请核实分值与得分。' },
          { path: 'year', body: '请补填年度。' },
        ],
      });
    }
  }

  // The corpus: units and their people one after another (in a stable order), then each unit's
  // forms in order (its 2023 form before the 2024 one that is compared with it) while the units
  // go side by side — on PostgreSQL the round trips of one unit overlap with another's.
  const byUnit = new Map<string, CorpusDemoForm[]>();
  for (const f of corpusDemoForms()) byUnit.set(f.unit, [...(byUnit.get(f.unit) ?? []), f]);
  const corpusWork: { unit: Unit; people: { filler: Actor; approver: Actor }; forms: CorpusDemoForm[] }[] =
    [];
  for (const [name, forms] of byUnit) {
    const k = corpusWork.length + 1;
    const unit: Unit = await createUnit(db, admin, {
      name,
      kind: 'unit',
      parentId: department.id,
      regionId: regionIds[(forms[0] as CorpusDemoForm).region],
    });
    corpusWork.push({
      unit,
      people: {
        filler: await account(`corpus-filler-${k}`, 'filler', unit.id, `${name}填报人（演示）`),
        approver: await account(`corpus-approver-${k}`, 'approver', unit.id, `${name}负责人（演示）`),
      },
      forms,
    });
  }
  await Promise.all(
    corpusWork.map(async (w) => {
      for (const f of w.forms) await enter(f.document, w.unit.id, w.people, f.status);
    }),
  );

  // The next year, targets first: the seed unit declares 2024 targets from its 2023 form, the
  // reviewer approves them, and the self-evaluation for 2024 is started from them.
  const seed = demoDocument('seed-hubei-dept-2023');
  const targets2024: Evaluation = {
    ...seed,
    year: 2024,
    filledOn: null,
    indicators: seed.indicators.map((i) => ({
      ...i,
      actual: { raw: '' } as Evaluation['indicators'][number]['actual'],
      score: null,
      deviation: null,
    })),
    totalReported: null,
    grade: null,
    deviationAnalysis: null,
    improvementPlan: null,
  };
  const declared = await createEvaluation(db, filler, {
    document: targets2024,
    stage: 'targets',
    unitId: seedUnit,
  });
  await declareTargets(db, filler, { id: declared.evaluation.id });
  await approveTargets(db, reviewer, { id: declared.evaluation.id });
  await createEvaluation(db, filler, { fromTargets: declared.evaluation.id });

  // The finance bureau's deadlines, so the workbench has days to count.
  const demoNote = '演示数据：截止日期由财政部门按年度设置，此处为示例。';
  for (const d of [
    { year: 2023, stage: 'self-evaluation', due: '2024-04-30' },
    { year: 2024, stage: 'targets', due: '2024-03-31' },
    { year: 2024, stage: 'self-evaluation', due: '2025-04-30' },
  ]) {
    await setDeadline(db, reviewer, { ...d, note: demoNote });
  }

  return [
    { username: 'admin', role: 'admin', unit: null },
    { username: 'reviewer', role: 'reviewer', unit: null },
    { username: 'approver', role: 'approver', unit: SEED_UNIT },
    { username: 'filler', role: 'filler', unit: SEED_UNIT },
    { username: 'filler2', role: 'filler', unit: '天长市水利局' },
  ];
}
