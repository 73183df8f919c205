/**
 * Southampton's joint commissioning priorities, projects and integrated commissioning unit (issue 6, scopes 1,
 * 2 and 7), from the seeds:
 * - seed 003 (Cabinet, 15 October 2013): the unit, whose priorities "are based on the Health and wellbeing
 *   Strategy and informed by the Joint Strategic Needs assessment and relevant national outcomes frameworks";
 *   staff "remain employed by their current employer"; "an additional cost to the Council ... of £90,800 from
 *   2014/15 onwards";
 * - seed 000 (2017 report): the focus on prevention and early intervention, reducing emergency attendances and
 *   admissions, the services in the board's scope, and £6.4m of savings in 2016-17;
 * - seed 001 (Cabinet, 18 July 2017): shared commissioning through a Joint Commissioning Board.
 * Owners, dates, stages, funding amounts, posts, grades, FTE, salaries and budgets are ILLUSTRATIVE. The council's
 * posts added by the unit cost exactly £90,800.00 a year from 2014-15, as the decision says.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { isoDate } from '../kernel/dates.js';
import { pence } from '../kernel/money.js';
import { listFunds } from '../ledger/funds/index.js';
import { listSchemes } from '../ledger/funds/index.js';
import { listAppraisals } from '../appraisal/appraisals/index.js';
import { listDecisionsForLinking } from '../appraisal/decisionLink/index.js';
import type { StrategyKey } from '../commissioning/projects/index.js';
import type { FundingArrangement, Stage } from '../commissioning/projects/index.js';
import { createPriority, measureChoices } from '../commissioning/projects/index.js';
import { createProject } from '../commissioning/projects/index.js';
import { createPost, setUnitYear } from '../commissioning/unit/index.js';
import { listSavingsLines, setSavingsLineProject } from '../commissioning/savings/index.js';
import { SOUTHAMPTON_2013, SOUTHAMPTON_2017 } from './appraisalDemo.js';
import { ICU_DECISION, SHARED_COMMISSIONING_DECISION } from './cabinetDecisionsDemo.js';

const actor = systemActor('demo loader');
const pounds = (n: number) => pence(Math.round(n * 100));

/** The council's extra cost of the unit a year from 2014-15 (seed 003, decision (iii)), in pence. */
export const ICU_EXTRA_COST_TO_COUNCIL = pounds(90_800);

export const ICU_SOURCE_NOTE =
  'Seed 003: Southampton City Council Cabinet, 15 October 2013, decision (iii): "To note that there will be an ' +
  'additional cost to the Council due to the establishment of the Integrated Commissioning Unit of £90,800 from ' +
  '2014/15 onwards which will be addressed as part of the development of the budget." The council’s posts marked ' +
  '"Added by the unit" carry that cost. Posts, grades, FTE, costs and budgets are illustrative.';

interface DemoPriority {
  key: 'bcs' | 'prevention' | 'savings';
  title: string;
  description: string;
  strategies: StrategyKey[];
  owner: 'council' | 'ccg';
  ownerName: string;
  /** Outcome measures are linked where the partnership has any whose name matches. */
  measures: RegExp | null;
}

const PRIORITIES: readonly DemoPriority[] = [
  {
    key: 'bcs',
    title: 'Better Care Southampton',
    description:
      'The Better Care Fund programme: care closer to home, fewer emergency attendances and admissions (including ' +
      'mental health), and timely discharge (seed 000).',
    strategies: ['hwb_strategy', 'bcf_plan', 'nhs_of', 'ascof'],
    owner: 'ccg',
    ownerName: 'Director of Quality and Integration (illustrative)',
    measures: /emergency|admission|discharge|reablement|91/i,
  },
  {
    key: 'prevention',
    title: 'Prevention and early intervention',
    description:
      '"An emphasis on prevention and intervening early to prevent escalation" (seed 001): services that delay or ' +
      'prevent the need for care.',
    strategies: ['hwb_strategy', 'jsna', 'phof', 'ascof'],
    owner: 'council',
    ownerName: 'Director of Public Health (illustrative)',
    measures: /falls|residential|nursing/i,
  },
  {
    key: 'savings',
    title: 'System-wide savings through integrated commissioning',
    description:
      'Quality outcomes and savings "through more focused, integrated work" (seed 003): £6.4m combined savings in ' +
      '2016-17 (seed 000).',
    strategies: ['local_plan', 'hwb_strategy'],
    owner: 'council',
    ownerName: 'Service Director, Integrated Commissioning (illustrative)',
    measures: null,
  },
];

interface DemoProject {
  title: string;
  priority: DemoPriority['key'];
  description: string;
  stage: Stage;
  lead: 'council' | 'ccg';
  services: string[];
  schemes: string[];
  funding: { partner: 'council' | 'ccg'; arrangement: FundingArrangement; amount: number | null }[];
  appraisal?: string;
  decision?: string;
}

/** Titles match the savings lines' project references (savingsDemo.ts), so that each line finds its project. */
const PROJECTS: readonly DemoProject[] = [
  {
    title: 'Integrated commissioning unit',
    priority: 'savings',
    description: 'One commissioning team for the council’s People Directorate and the CCG (seed 003).',
    stage: 'review',
    lead: 'council',
    services: ['adult-social-care', 'public-health', 'community-nursing', 'mental-health'],
    schemes: [],
    funding: [
      { partner: 'council', arrangement: 'aligned', amount: null },
      { partner: 'ccg', arrangement: 'aligned', amount: null },
    ],
    appraisal: SOUTHAMPTON_2013.title,
    decision: ICU_DECISION.item.title,
  },
  {
    title: 'Shared commissioning: the Joint Commissioning Board',
    priority: 'savings',
    description:
      'A joint board with executive powers over the pooled budget of at least £105m (seeds 000, 001).',
    stage: 'do',
    lead: 'council',
    services: [],
    schemes: [],
    funding: [
      { partner: 'council', arrangement: 'pooled', amount: null },
      { partner: 'ccg', arrangement: 'pooled', amount: null },
    ],
    appraisal: SOUTHAMPTON_2017.title,
    decision: SHARED_COMMISSIONING_DECISION.item.title,
  },
  {
    title: 'Rehabilitation, reablement and discharge',
    priority: 'bcs',
    description: 'Rehabilitation, reablement and discharge services (seed 000), in the Better Care pool.',
    stage: 'do',
    lead: 'council',
    services: ['rehabilitation', 'reablement', 'hospital-discharge'],
    schemes: ['SC03', 'SC04'],
    funding: [
      { partner: 'council', arrangement: 'pooled', amount: 4_200_000 },
      { partner: 'ccg', arrangement: 'pooled', amount: 6_800_000 },
    ],
  },
  {
    title: 'Community health services for adults',
    priority: 'bcs',
    description:
      'Community nursing, podiatry and palliative care (seed 000), with cluster working in primary care.',
    stage: 'do',
    lead: 'ccg',
    services: ['community-nursing', 'podiatry', 'palliative-care'],
    schemes: ['SC01', 'SC02'],
    funding: [{ partner: 'ccg', arrangement: 'pooled', amount: 12_500_000 }],
  },
  {
    title: 'Prevention and early intervention',
    priority: 'prevention',
    description: 'Prevention and early intervention services (seed 000), including extra care housing.',
    stage: 'plan',
    lead: 'council',
    services: ['prevention-early-intervention', 'adult-social-care'],
    schemes: ['SC07'],
    funding: [
      { partner: 'council', arrangement: 'pooled', amount: 1_500_000 },
      { partner: 'ccg', arrangement: 'aligned', amount: null },
    ],
  },
  {
    title: 'Public health recommissioning',
    priority: 'prevention',
    description: 'Sexual health and healthy lifestyles services recommissioned by the council.',
    stage: 'review',
    lead: 'council',
    services: ['public-health'],
    schemes: ['SC08'],
    funding: [{ partner: 'council', arrangement: 'lead_commissioning', amount: 3_000_000 }],
  },
  {
    title: 'Integrated services for children with complex health needs',
    priority: 'prevention',
    description: 'In the board’s possible future scope (seed 000).',
    stage: 'analyse',
    lead: 'ccg',
    services: ['children-complex-health-needs'],
    schemes: [],
    funding: [],
  },
];

interface DemoPost {
  employer: 'council' | 'ccg';
  title: string;
  grade: string;
  fte: number;
  annual: number;
  startsOn: string;
  additional?: boolean;
}

const UNIT_STARTS = '2013-11-01';
const POSTS: readonly DemoPost[] = [
  {
    employer: 'council',
    title: 'Head of integrated commissioning',
    grade: 'SCC Grade 13',
    fte: 100,
    annual: 78_000,
    startsOn: UNIT_STARTS,
  },
  {
    employer: 'council',
    title: 'Commissioning manager, adult social care',
    grade: 'SCC Grade 11',
    fte: 100,
    annual: 52_000,
    startsOn: UNIT_STARTS,
  },
  {
    employer: 'council',
    title: 'Commissioning officer',
    grade: 'SCC Grade 8',
    fte: 100,
    annual: 38_000,
    startsOn: UNIT_STARTS,
  },
  // the two posts the unit added to the council's establishment: £62,000 + 0.60 x £48,000 = £90,800 a year
  {
    employer: 'council',
    title: 'Senior commissioner, integrated services',
    grade: 'SCC Grade 12',
    fte: 100,
    annual: 62_000,
    startsOn: '2014-04-01',
    additional: true,
  },
  {
    employer: 'council',
    title: 'Commissioning analyst',
    grade: 'SCC Grade 9',
    fte: 60,
    annual: 48_000,
    startsOn: '2014-04-01',
    additional: true,
  },
  {
    employer: 'ccg',
    title: 'Associate director, integrated commissioning',
    grade: 'AfC Band 8d',
    fte: 100,
    annual: 85_000,
    startsOn: UNIT_STARTS,
  },
  {
    employer: 'ccg',
    title: 'Commissioning manager, mental health',
    grade: 'AfC Band 8a',
    fte: 100,
    annual: 55_000,
    startsOn: UNIT_STARTS,
  },
  {
    employer: 'ccg',
    title: 'Commissioning manager, children',
    grade: 'AfC Band 8a',
    fte: 80,
    annual: 55_000,
    startsOn: UNIT_STARTS,
  },
  {
    employer: 'ccg',
    title: 'Contracts officer',
    grade: 'AfC Band 6',
    fte: 100,
    annual: 34_000,
    startsOn: UNIT_STARTS,
  },
];

/** Each year's budget and basis: an agreed half-and-half split until the pool of 2017-18 sets the shares. */
const UNIT_YEARS = [
  { year: 2014, budget: 480_000, basis: 'split' as const },
  { year: 2015, budget: 480_000, basis: 'split' as const },
  { year: 2016, budget: 470_000, basis: 'split' as const },
  { year: 2017, budget: 480_000, basis: 'contributions' as const },
];

export async function loadProjectsDemo(db: Db, partnershipId: number, ccg: number, council: number) {
  const org = (k: 'council' | 'ccg') => (k === 'council' ? council : ccg);
  const schemes = new Map<string, number>();
  for (const fund of await listFunds(db, partnershipId))
    for (const s of await listSchemes(db, partnershipId, fund.id)) schemes.set(s.code, s.id);
  const appraisals = await listAppraisals(db, partnershipId);
  const decisions = await listDecisionsForLinking(db, partnershipId);
  const measures = await measureChoices(db, partnershipId);
  const appraisalId = (title: string) => {
    const a = appraisals.find((x) => x.title === title);
    if (!a) throw new Error(`Demo projects name an unknown appraisal: ${title}`);
    return a.id;
  };
  const decisionId = (title: string) => {
    const d = decisions.find((x) => x.item_title === title);
    if (!d) throw new Error(`Demo projects name an unknown decision: ${title}`);
    return d.id;
  };

  await transaction(db, async (trx) => {
    const priorityIds = new Map<string, number>();
    for (const p of PRIORITIES) {
      priorityIds.set(
        p.key,
        await createPriority(trx, actor, partnershipId, {
          title: p.title,
          description: p.description,
          strategies: p.strategies,
          ownerName: p.ownerName,
          ownerOrganisationId: org(p.owner),
          startsOn: '2014-04-01',
          reviewOn: '2018-03-31',
          status: 'active',
          measureIds: p.measures ? measures.filter((m) => p.measures?.test(m.name)).map((m) => m.id) : [],
          illustrative: true,
        }),
      );
    }
    const projectIds = new Map<string, number>();
    for (const p of PROJECTS) {
      projectIds.set(
        p.title,
        await createProject(trx, actor, partnershipId, {
          title: p.title,
          priorityId: priorityIds.get(p.priority) ?? null,
          description: p.description,
          leadOrganisationId: org(p.lead),
          serviceKeys: p.services,
          schemeIds: p.schemes.map((c) => schemes.get(c)).filter((id) => id !== undefined),
          funding: p.funding.map((f) => ({
            organisationId: org(f.partner),
            arrangement: f.arrangement,
            amountPence: f.amount === null ? null : pounds(f.amount),
          })),
          appraisalIds: p.appraisal ? [appraisalId(p.appraisal)] : [],
          decisionIds: p.decision ? [decisionId(p.decision)] : [],
          stage: p.stage,
          illustrative: true,
        }),
      );
    }
    // the 2016-17 savings lines name their projects in free text: link those that match a project's title
    for (const line of await listSavingsLines(trx, partnershipId, 2016)) {
      const id = projectIds.get(line.projectReference);
      if (id !== undefined) await setSavingsLineProject(trx, actor, partnershipId, line.id, id);
    }

    for (const p of POSTS)
      await createPost(trx, actor, partnershipId, {
        postTitle: p.title,
        personName: '',
        employerOrganisationId: org(p.employer),
        grade: p.grade,
        fteHundredths: p.fte,
        annualCostPence: pounds(p.annual),
        startsOn: isoDate(p.startsOn),
        endsOn: null,
        additional: p.additional ?? false,
        illustrative: true,
      });
    const icuDecision = decisionId(ICU_DECISION.item.title);
    for (const y of UNIT_YEARS)
      await setUnitYear(trx, actor, partnershipId, y.year, {
        budgetPence: pounds(y.budget),
        hostOrganisationId: council,
        sharingBasis: y.basis,
        split:
          y.basis === 'split'
            ? [
                { organisationId: council, basisPoints: 5000 },
                { organisationId: ccg, basisPoints: 5000 },
              ]
            : [],
        decisionId: icuDecision,
        notes: ICU_SOURCE_NOTE,
      });
  });
}
