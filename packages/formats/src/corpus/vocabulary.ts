/**
 * The words generated forms are made of: places, agencies and the units under them, projects,
 * goals, indicator names per 二级 with the shape of their values, and the narratives units write.
 * Drawn from published forms (domain.md §2 and ../shared/samples). Every string here must be
 * encodable in GBK, because forms are also written as GBK CSV.
 */

export const HUBEI_PLACES = [
  '武汉市江夏区',
  '武汉市黄陂区',
  '宜昌市夷陵区',
  '襄阳市襄州区',
  '荆州市沙市区',
  '黄冈市黄州区',
  '孝感市孝南区',
  '十堰市郧阳区',
  '鄂州市',
  '咸宁市咸安区',
  '利川市',
  '随州市曾都区',
  '荆门市东宝区',
  '天门市',
  '潜江市',
  '仙桃市',
  '黄石市下陆区',
  '东湖新技术开发区',
] as const;

export const NATIONAL_PLACES = [
  '天长市',
  '合肥市包河区',
  '芜湖市鸠江区',
  '滁州市南谯区',
  '六安市金安区',
  '安庆市大观区',
  '蚌埠市龙子湖区',
  '明光市',
  '廊坊市',
  '保定市莲池区',
  '邢台市信都区',
  '石家庄市长安区',
  '施甸县',
  '凤阳县',
] as const;

export const SICHUAN_PLACES = [
  '青神县',
  '眉山市东坡区',
  '成都市武侯区',
  '绵阳市涪城区',
  '宜宾市翠屏区',
  '南充市顺庆区',
  '乐山市市中区',
  '泸州市江阳区',
  '德阳市旌阳区',
  '达州市通川区',
  '雅安市雨城区',
  '仁寿县',
] as const;

export interface Agency {
  /** the agency's name after the place: 教育局 */
  name: string;
  /** units under it that carry out projects */
  units: readonly string[];
  projects: readonly string[];
  /** what the agency's work achieves, for goal texts */
  effects: readonly string[];
}

export const AGENCIES: readonly Agency[] = [
  {
    name: '教育局',
    units: ['第一中学', '实验小学', '教育技术装备中心', '学生资助管理中心'],
    projects: [
      '学生资助补助资金',
      '义务教育薄弱环节改善项目',
      '中小学教师培训经费',
      '校舍维修改造经费',
      '农村学校营养改善计划',
    ],
    effects: ['保障适龄儿童少年接受义务教育', '改善农村学校办学条件', '提升教师教育教学能力'],
  },
  {
    name: '农业农村局',
    units: ['农业技术推广中心', '动物疫病预防控制中心', '农村经济经营管理站'],
    projects: [
      '高标准农田建设项目',
      '农机购置补贴资金',
      '特色种养业奖补资金',
      '动物防疫经费',
      '农村人居环境整治项目',
    ],
    effects: ['增加农民收入', '提高粮食综合生产能力', '改善农村人居环境'],
  },
  {
    name: '水利局',
    units: ['水利工程管理站', '河道堤防管理所', '水土保持站'],
    projects: [
      '水旱灾害防御经费',
      '农村饮水安全巩固提升工程',
      '中小河流治理项目',
      '小型水库除险加固项目',
      '河湖长制工作经费',
    ],
    effects: ['保障人民群众生命财产安全', '巩固提升农村供水保障水平', '改善河湖生态环境'],
  },
  {
    name: '卫生健康委员会',
    units: ['疾病预防控制中心', '妇幼保健院', '人民医院'],
    projects: ['基本公共卫生服务项目', '计划生育家庭奖励扶助资金', '重大传染病防控经费', '乡村医生补助资金'],
    effects: ['提高居民健康水平', '有效防控重大传染病', '提升基层医疗服务能力'],
  },
  {
    name: '民政局',
    units: ['社会福利院', '救助管理站', '社会福利中心'],
    projects: ['城乡低保资金', '特困人员供养资金', '养老服务体系建设补助', '临时救助资金'],
    effects: ['保障困难群众基本生活', '提升养老服务水平', '兜牢民生底线'],
  },
  {
    name: '交通运输局',
    units: ['公路事业发展中心', '交通运输综合执法大队'],
    projects: ['农村公路养护资金', '公路安全生命防护工程', '城乡客运补贴资金'],
    effects: ['改善群众出行条件', '保障道路通行安全', '提升公路服务水平'],
  },
  {
    name: '自然资源和规划局',
    units: ['不动产登记中心', '土地整理中心'],
    projects: ['耕地保护补偿资金', '地质灾害防治经费', '国土空间规划编制经费'],
    effects: ['守住耕地保护红线', '减少地质灾害损失', '提高国土空间治理水平'],
  },
  {
    name: '文化和旅游局',
    units: ['图书馆', '文化馆', '博物馆'],
    projects: ['公共文化服务体系建设经费', '文物保护专项资金', '全民阅读推广活动经费'],
    effects: ['丰富群众精神文化生活', '保护文化遗产', '推动文旅融合发展'],
  },
  {
    name: '人力资源和社会保障局',
    units: ['就业服务中心', '社会保险事业中心'],
    projects: ['就业补助资金', '职业技能培训补贴', '人才引进专项经费'],
    effects: ['促进城乡劳动者就业', '提升劳动者职业技能', '稳定就业形势'],
  },
  {
    name: '林业局',
    units: ['林业工作站', '国有林场'],
    projects: ['森林防火经费', '天然林保护工程资金', '退耕还林补助资金'],
    effects: ['保护森林资源', '提高森林覆盖率', '改善生态环境'],
  },
  {
    name: '住房和城乡建设局',
    units: ['园林绿化管理中心', '房产交易中心'],
    projects: ['老旧小区改造项目', '城市园林绿化养护经费', '保障性住房建设项目'],
    effects: ['改善居民居住条件', '提升城市人居环境', '完善城市功能'],
  },
  {
    name: '应急管理局',
    units: ['应急救援中心'],
    projects: ['安全生产执法检查经费', '应急物资储备经费', '森林消防专业队伍建设经费'],
    effects: ['防范化解重大安全风险', '提升应急救援能力', '减少安全生产事故'],
  },
  {
    name: '市场监督管理局',
    units: ['食品药品检验所', '计量检定测试所'],
    projects: ['食品安全抽检经费', '特种设备安全监察经费', '消费者权益保护经费'],
    effects: ['保障食品药品安全', '维护市场秩序', '保护消费者合法权益'],
  },
];

/** Units whose whole spending is evaluated on department forms (besides the agencies themselves). */
export const DEPARTMENT_UNITS = [
  '现代服务业园建设服务中心',
  '政务服务和大数据管理局',
  '融媒体中心',
  '园林绿化管理中心',
  '机关事务服务中心',
  '城市管理执法局',
  '退役军人事务局',
  '医疗保障局',
  '科学技术局',
  '档案馆',
  '老干部活动中心',
  '经济开发区管理委员会',
] as const;

export const DEPARTMENT_GOALS = [
  '发挥党建工作的引领作用，提高党员凝聚力，加强与基层党组织之间的联系。',
  '完成年度招商引资考核目标，推动重点项目落地。',
  '保障机关正常运转，提高办公效率和服务质量。',
  '充分发挥部门职能，维护辖区安全稳定，服务好辖区企业和群众。',
  '加强干部队伍建设，开展业务培训，提升依法行政能力。',
  '落实各项民生政策，及时足额发放各类补助资金。',
  '推进重点工程建设，按期完成年度建设任务。',
  '做好宣传工作，提高政策知晓率和群众满意度。',
  '加强资金和资产管理，提高财政资金使用效益。',
  '开展专项整治行动，消除安全隐患，确保全年不发生重大安全事故。',
] as const;

export const DEVIATION_NOTES = [
  '受天气影响，部分工程延期完工，下一步将加快施工进度。',
  '资金到位较晚，影响项目实施进度，今后将加强预算执行管理。',
  '目标设定偏低，下年度将科学合理设置绩效目标。',
  '部分补助对象信息变动，资金未能全部发放，已督促乡镇核实后发放。',
  '项目结余资金已按规定收回，下一步将提高预算编制准确性。',
  '个别服务对象对服务效果不满意，将加强沟通并改进服务方式。',
  '招投标流程较长，项目开工时间推迟。',
] as const;

export const DEVIATION_ANALYSES = [
  '基本完成年度预算绩效目标',
  '年度绩效目标基本完成，个别指标因客观原因未达到预期。',
  '受资金拨付进度影响，部分项目执行率偏低；个别指标完成值超过目标值较多，系年初目标设置偏低。',
  '各项指标均已完成，无明显偏差。',
  '部分工程因前期手续办理时间较长，实施进度滞后，影响了资金执行率。',
] as const;

export const IMPROVEMENT_PLANS = [
  '进一步加强预算管理，科学设置绩效目标，提高资金使用效益；自评结果作为下年度预算安排的重要依据。',
  '加强项目前期论证，加快预算执行进度，强化绩效运行监控。',
  '完善内部管理制度，规范资金使用，及时公开绩效自评结果。',
  '将自评结果与下年度预算安排挂钩，对执行进度慢的项目压减预算。',
] as const;

export const OUTCOMES = [
  '已完成年度目标。',
  '项目按计划实施，年度绩效目标基本完成。',
  '完成年度目标任务，资金使用规范，取得了较好的社会效益。',
  '各项工作有序推进，达到预期效果。',
] as const;

export const CONCLUSIONS = [
  '项目自评得分{total}分，等级为{grade}。项目按计划实施，较好地完成了年度绩效目标。',
  '经自评，该项目综合得分{total}分，绩效等级为{grade}，资金使用规范，效果良好。',
] as const;

export const PROBLEMS = [
  '部分绩效指标设置不够细化，个别指标完成值与目标值差距较大。',
  '预算执行进度前慢后快，资金支付集中在下半年。',
  '项目绩效管理意识有待进一步增强。',
] as const;

/** Shapes of an indicator's target and actual; values.ts writes each. */
export type Shape =
  /** ≥12次 / 12次 / 不少于12次, actual 19次 */
  | 'count'
  /** ≥95% / 100% / =100%, actual 98% */
  | 'rate'
  /** ≤5%: a reverse target */
  | 'reverse-rate'
  /** a sum of money in 亿 or 万元, written bare (5亿) or with 元 (5.9亿元) */
  | 'money'
  /** ≤120万元: a cost ceiling, a reverse target */
  | 'cost'
  /** 12月底前完成, actual 按期完成 */
  | 'deadline'
  /** 达成预期 / 未发生 */
  | 'qualitative'
  /** 85%-95%, actual 90% */
  | 'range'
  /** ≥90%, actual 95% */
  | 'satisfaction'
  /** ≥20年, actual 20年 */
  | 'years'
  /** 30个工作日内: a time limit, a reverse target */
  | 'days';

export interface IndicatorSpec {
  name: string;
  shape: Shape;
  unit?: string;
  /** range of the target's number */
  min?: number;
  max?: number;
}

export const LEVEL2_INDICATORS: Record<string, readonly IndicatorSpec[]> = {
  数量指标: [
    { name: '培训次数', shape: 'count', unit: '次', min: 2, max: 24 },
    { name: '开展培训人次', shape: 'count', unit: '人次', min: 100, max: 3000 },
    { name: '举办宣传活动场次', shape: 'count', unit: '场', min: 3, max: 30 },
    { name: '政策覆盖人数', shape: 'count', unit: '人', min: 500, max: 20000 },
    { name: '发放补助资金户数', shape: 'count', unit: '户', min: 50, max: 2000 },
    { name: '新建改建农村公路里程', shape: 'count', unit: '公里', min: 5, max: 120 },
    { name: '完成高标准农田建设面积', shape: 'count', unit: '亩', min: 1000, max: 20000 },
    { name: '采购设备数量', shape: 'count', unit: '台', min: 5, max: 200 },
    { name: '检查企业户数', shape: 'count', unit: '家', min: 20, max: 500 },
    { name: '维修改造校舍面积', shape: 'count', unit: '平方米', min: 500, max: 12000 },
    { name: '资助困难学生人数', shape: 'count', unit: '人', min: 30, max: 3000 },
    { name: '开展执法检查次数', shape: 'count', unit: '次', min: 4, max: 60 },
    { name: '印发宣传资料份数', shape: 'count', unit: '份', min: 1000, max: 50000 },
    { name: '建设项目个数', shape: 'count', unit: '个', min: 1, max: 12 },
    { name: '党建主题活动次数', shape: 'count', unit: '次', min: 4, max: 24 },
    { name: '免费健康体检人数', shape: 'count', unit: '人', min: 200, max: 9000 },
    { name: '引进亿元以上项目数', shape: 'count', unit: '个', min: 1, max: 10 },
    { name: '举办或者协助园区企业举办有影响力的产业博览会场次', shape: 'count', unit: '场', min: 2, max: 12 },
    {
      name: '农村低收入人口和脱贫人口参加基本医疗保险人数',
      shape: 'count',
      unit: '人',
      min: 1000,
      max: 30000,
    },
  ],
  质量指标: [
    { name: '培训合格率', shape: 'rate' },
    { name: '工程验收合格率', shape: 'rate' },
    { name: '资金使用合规率', shape: 'rate' },
    { name: '设备完好率', shape: 'rate' },
    { name: '问题整改完成率', shape: 'rate' },
    { name: '补助对象识别准确率', shape: 'rate' },
    { name: '投诉件办结率', shape: 'rate' },
    { name: '档案资料完整率', shape: 'rate' },
    { name: '病床使用率', shape: 'range' },
    { name: '工程质量', shape: 'qualitative' },
    { name: '抽检不合格率', shape: 'reverse-rate' },
    { name: '辖区内重点企业安全生产隐患排查整改完成率', shape: 'rate' },
  ],
  时效指标: [
    { name: '资金拨付及时率', shape: 'rate' },
    { name: '项目完成及时率', shape: 'rate' },
    { name: '项目完成时间', shape: 'deadline' },
    { name: '补助资金发放时间', shape: 'deadline' },
    { name: '问题整改时限', shape: 'days' },
    { name: '信息报送时限', shape: 'days' },
  ],
  成本指标: [
    { name: '项目总成本', shape: 'cost', unit: '万元', min: 20, max: 900 },
    { name: '人均培训成本', shape: 'cost', unit: '元/人', min: 200, max: 1500 },
    { name: '单位面积改造成本', shape: 'cost', unit: '元/平方米', min: 300, max: 2000 },
    { name: '成本控制率', shape: 'reverse-rate', max: 100 },
  ],
  经济成本指标: [
    { name: '项目总成本', shape: 'cost', unit: '万元', min: 20, max: 900 },
    { name: '设备采购单价', shape: 'cost', unit: '万元/台', min: 1, max: 30 },
  ],
  社会成本指标: [{ name: '对社会造成的负面影响', shape: 'qualitative' }],
  生态环境成本指标: [{ name: '对生态环境造成的负面影响', shape: 'qualitative' }],
  经济效益指标: [
    { name: '带动企业营业收入', shape: 'money' },
    { name: '实现纳税总额', shape: 'money' },
    { name: '招商引资实际到位资金', shape: 'money' },
    { name: '外贸进出口总额', shape: 'money' },
    { name: '带动农户增收', shape: 'count', unit: '万元', min: 20, max: 800 },
    { name: '人均增收', shape: 'count', unit: '元', min: 300, max: 5000 },
  ],
  社会效益指标: [
    { name: '受益群众人数', shape: 'count', unit: '人', min: 500, max: 50000 },
    { name: '社会群体性事件', shape: 'qualitative' },
    { name: '群众政策知晓率', shape: 'satisfaction' },
    { name: '带动就业人数', shape: 'count', unit: '人', min: 20, max: 3000 },
    { name: '安全生产事故', shape: 'qualitative' },
    { name: '公共服务水平', shape: 'qualitative' },
    { name: '困难群众基本生活保障', shape: 'qualitative' },
    { name: '积极为民营企业协调解决困难和问题推进民营经济健康发展', shape: 'qualitative' },
  ],
  生态效益指标: [
    { name: '森林覆盖率', shape: 'rate' },
    { name: '空气质量优良天数比例', shape: 'satisfaction' },
    { name: '污水集中处理率', shape: 'rate' },
    { name: '对生态环境的影响', shape: 'qualitative' },
    { name: '生活垃圾无害化处理率', shape: 'rate' },
  ],
  可持续影响指标: [
    { name: '长效管护机制', shape: 'qualitative' },
    { name: '工程设计使用年限', shape: 'years', unit: '年', min: 10, max: 50 },
    { name: '项目持续发挥效益年限', shape: 'years', unit: '年', min: 3, max: 15 },
    { name: '对行业发展的持续影响', shape: 'qualitative' },
  ],
  服务对象满意度指标: [
    { name: '服务对象满意度', shape: 'satisfaction' },
    { name: '受益群众满意度', shape: 'satisfaction' },
    { name: '企业满意度', shape: 'satisfaction' },
    { name: '学生及家长满意度', shape: 'satisfaction' },
    { name: '参训人员满意度', shape: 'satisfaction' },
    { name: '社会公众满意度', shape: 'satisfaction' },
    { name: '项目区群众满意度', shape: 'satisfaction' },
  ],
};

/**
 * Qualitative targets and actuals per name, as [target, actual that meets it, actual that falls
 * short]. Kinds are checked against the value parser by the generator's tests.
 */
export const QUALITATIVE_VALUES: Record<string, readonly (readonly [string, string, string])[]> = {
  工程质量: [
    ['符合国家验收标准', '符合', '部分不符合'],
    ['达到设计要求', '达到', '基本达到'],
  ],
  对社会造成的负面影响: [['不产生', '未产生', '产生轻微影响']],
  对生态环境造成的负面影响: [['不造成', '未造成', '造成轻微影响']],
  社会群体性事件: [
    ['辖区内不发生社会群体性事件', '未发生', '发生一起'],
    ['不发生', '未发生', '发生'],
  ],
  安全生产事故: [['不发生重大安全事故', '未发生', '发生一般事故']],
  公共服务水平: [
    ['有效提升', '明显提升', '有所提升'],
    ['逐步提高', '显著提高', '略有提高'],
  ],
  困难群众基本生活保障: [['有效保障', '得到保障', '基本保障']],
  对生态环境的影响: [
    ['生态环境持续改善', '明显改善', '有所改善'],
    ['不造成破坏', '未造成破坏', '造成局部破坏'],
  ],
  长效管护机制: [
    ['建立健全', '已建立', '正在建立'],
    ['长期有效', '有效', '基本有效'],
  ],
  对行业发展的持续影响: [['持续提升', '效果明显', '效果一般']],
  积极为民营企业协调解决困难和问题推进民营经济健康发展: [['企业诉求有效回应', '全部回应', '部分回应']],
};

export const DEADLINE_TARGETS = [
  '12月底前完成',
  '年底前完成',
  '按期完成',
  '11月底前',
  '9月底前完成',
] as const;
export const DEADLINE_ACTUALS_MET = ['按期完成', '已按时完成', '如期完成'] as const;
export const DEADLINE_ACTUALS_LATE = ['延期完成', '未按期完成'] as const;

/** The 其中 rows under a ★ count indicator, as in anhui-project-2023-core-rows. */
export const BREAKDOWN_PARTS: Record<string, readonly string[]> = {
  亩: ['露天蔬菜种植面积', '大棚蔬菜种植面积', '果树种植面积'],
  人: ['城镇人员', '农村人员', '困难群众'],
  户: ['脱贫户', '监测户', '一般农户'],
  次: ['集中培训', '现场培训', '线上培训'],
  人次: ['集中培训', '现场培训', '线上培训'],
  个: ['新建项目', '续建项目'],
  台: ['办公设备', '专用设备'],
};
