/**
 * The demonstration option appraisals, from Southampton's two Cabinet decisions (seeds 001 and 003):
 * - 18 July 2017, shared commissioning: eight options tested against weighted financial and non-financial
 *   criteria; four rejected at the first stage; four shortlisted and assessed on strategy, governance and
 *   finance; three more rejected; the joint commissioning board with executive powers chosen.
 * - 15 October 2013, integrated commissioning: no change and a shared strategy with separate functions
 *   rejected; a s75 pooled budget with a lead and a joint venture company considered; the integrated
 *   commissioning unit chosen.
 * The options, stages, criteria and reasons are the seeds'; the weights and scores are illustrative (the seeds
 * say the criteria were weighted, not by how much), and the appraisals are marked so.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { createAppraisalFromPlan, type AppraisalPlan } from '../appraisal/appraisals/index.js';
import { moneyScale, pointsScale } from '../appraisal/criteria/index.js';
import { linkAppraisalToDecision } from '../appraisal/decisionLink/index.js';

const actor = systemActor('demo loader');
const pounds = (n: number) => n * 100;

const FIRST_STAGE_REASON =
  'Rejected on the agreed scoring criteria, ranking the weighted benefit criteria: it did not deliver the same benefits as other options.';

const balanceScale = pointsScale(1, 5, [
  { value: 1, label: 'Pooled budget items only' },
  { value: 3, label: 'Pooled, and some aligned budgets' },
  { value: 5, label: 'Pooled and aligned budgets alike' },
]);

export const SOUTHAMPTON_2017: AppraisalPlan = {
  title: 'Shared commissioning: governance options (2017)',
  proposal:
    'Strengthen joint commissioning between Southampton City Council and Southampton City CCG to achieve the level and pace of service change and integration needed.',
  decisionReference: null,
  illustrative: true,
  options: [
    { key: 'nothing', name: 'Do nothing' },
    { key: 'continue', name: 'Continue current arrangements' },
    { key: 'reverse', name: 'Reverse current arrangements' },
    { key: 'combined', name: 'Joint commissioning by a Combined Authority' },
    { key: 'hosted', name: 'Joint commissioning hosted by either the CCG or the Council' },
    { key: 'hwb', name: 'Commissioning overseen by the Health and Wellbeing Board' },
    { key: 'reg10', name: 'A Regulation 10 committee under a section 75 agreement' },
    {
      key: 'jcb',
      name: 'A Joint Commissioning Board with executive powers',
      description: 'Three members from each partner, a rotating chair, monthly public meetings',
    },
  ],
  stages: [
    {
      name: 'Long list: weighted benefit criteria',
      description: 'Eight options tested against weighted financial and non-financial criteria',
      criteria: [
        {
          key: 'outcomes',
          name: 'Resident and patient outcomes',
          description:
            'Increasing resident and patient benefits through maximising new commissioning possibilities',
          weightBp: 4000,
        },
        {
          key: 'efficiency',
          name: 'System efficiency and sustainability',
          weightBp: 3500,
          children: [
            {
              key: 'financial',
              name: 'Financial benefit',
              description: 'Savings for both organisations a year (illustrative)',
              weightBp: 4000,
              scale: moneyScale(0, pounds(8_000_000)),
            },
            { key: 'decisions', name: 'Effective decision making', weightBp: 3000 },
            { key: 'ease', name: 'Ease of deliverability', weightBp: 3000 },
          ],
        },
        {
          key: 'accountability',
          name: 'Accountability',
          weightBp: 2500,
          children: [
            { key: 'democratic', name: 'Democratic accountability', weightBp: 4000 },
            {
              key: 'strategic',
              name: 'Strategic alignment of priorities for both organisations',
              weightBp: 3000,
            },
            { key: 'legal', name: 'Legal and regulatory compliance', weightBp: 3000 },
          ],
        },
      ],
      scores: [
        {
          assessor: 'Integrated commissioning unit (illustrative)',
          byOption: {
            nothing: {
              outcomes: 1,
              financial: 0,
              decisions: 2,
              ease: 10,
              democratic: 6,
              strategic: 2,
              legal: 9,
            },
            continue: {
              outcomes: 4,
              financial: pounds(2_000_000),
              decisions: 4,
              ease: 9,
              democratic: 6,
              strategic: 5,
              legal: 9,
            },
            reverse: {
              outcomes: 1,
              financial: 0,
              decisions: 3,
              ease: 5,
              democratic: 7,
              strategic: 1,
              legal: 9,
            },
            combined: {
              outcomes: 5,
              financial: pounds(3_000_000),
              decisions: 3,
              ease: 2,
              democratic: 4,
              strategic: 4,
              legal: 5,
            },
            hosted: {
              outcomes: 6,
              financial: pounds(4_500_000),
              decisions: 6,
              ease: 7,
              democratic: 5,
              strategic: 7,
              legal: 8,
            },
            hwb: {
              outcomes: 7,
              financial: pounds(5_000_000),
              decisions: 5,
              ease: 6,
              democratic: 8,
              strategic: 8,
              legal: 4,
            },
            reg10: {
              outcomes: 6,
              financial: pounds(5_500_000),
              decisions: 7,
              ease: 7,
              democratic: 6,
              strategic: 6,
              legal: 9,
            },
            jcb: {
              outcomes: 9,
              financial: pounds(6_400_000),
              decisions: 9,
              ease: 6,
              democratic: 8,
              strategic: 9,
              legal: 8,
            },
          },
          rationale: {
            'jcb/financial': 'Savings of £6.4m were made jointly in 2016-17 (seed 000); assumed to continue',
            'hwb/legal': 'The Health and Wellbeing Board cannot legally exercise Executive powers',
          },
        },
      ],
      decisions: {
        nothing: { status: 'rejected', reason: FIRST_STAGE_REASON },
        continue: { status: 'rejected', reason: FIRST_STAGE_REASON },
        reverse: { status: 'rejected', reason: FIRST_STAGE_REASON },
        combined: { status: 'rejected', reason: FIRST_STAGE_REASON },
        hosted: { status: 'carried_forward' },
        hwb: { status: 'carried_forward' },
        reg10: { status: 'carried_forward' },
        jcb: { status: 'carried_forward' },
      },
    },
    {
      name: 'Shortlist: strategy, governance and finance',
      description: 'Four shortlisted options analysed further',
      criteria: [
        {
          key: 'strategy',
          name: 'Strategy',
          description:
            'Greatest potential to drive service innovation, provider integration and ultimately maximise benefits for citizens and patients',
          weightBp: 4000,
        },
        {
          key: 'governance',
          name: 'Governance',
          description:
            'The structures, powers and duties to maximise integration, whilst minimising complexity and the possibility of legal challenge',
          weightBp: 3500,
        },
        {
          key: 'finance',
          name: 'Financial',
          description: 'Balance of pooled and aligned budgets for each option',
          weightBp: 2500,
          scale: balanceScale,
        },
      ],
      scores: [
        {
          assessor: 'Council assessor (illustrative)',
          rationale: {
            'reg10/governance':
              'The clearest legal footing: a committee allowed within the section 75 agreement, with little room for challenge',
          },
          byOption: {
            hosted: { strategy: 6, governance: 5, finance: 3 },
            hwb: { strategy: 7, governance: 3, finance: 4 },
            reg10: { strategy: 6, governance: 9, finance: 1 },
            jcb: { strategy: 9, governance: 7, finance: 5 },
          },
        },
        {
          assessor: 'CCG assessor (illustrative)',
          byOption: {
            hosted: { strategy: 5, governance: 6, finance: 3 },
            hwb: { strategy: 6, governance: 2, finance: 4 },
            reg10: { strategy: 7, governance: 10, finance: 1 },
            jcb: { strategy: 8, governance: 8, finance: 5 },
          },
        },
      ],
      decisions: {
        hosted: {
          status: 'rejected',
          reason: 'Rejected on further assessment of strategy, governance and finance.',
        },
        hwb: {
          status: 'rejected',
          reason:
            'The Health and Wellbeing Board is a sub-committee of Council, not the Executive, and cannot legally exercise Executive powers; its statutory functions are wider than shared commissioning, its statutory membership would unbalance the new board, and its advisory and scrutiny role could be lost.',
        },
        reg10: {
          status: 'rejected',
          reason:
            'It would limit decision making to pooled budget items only, and not areas where budgets are aligned rather than formally pooled.',
        },
        jcb: { status: 'preferred' },
      },
    },
  ],
  freezeWithDecision: 'Cabinet, 18 July 2017 (effective 27 July 2017)',
};

const cost = moneyScale(pounds(250_000), 0);

export const SOUTHAMPTON_2013: AppraisalPlan = {
  title: 'Integrated commissioning models (2013)',
  proposal:
    'An integrated commissioning unit between the People Directorate and Southampton City CCG, to improve outcomes for residents in a more cost-effective way.',
  decisionReference: null,
  illustrative: true,
  options: [
    { key: 'none', name: 'No change to current aligned commissioning' },
    { key: 'strategy', name: 'A shared strategy with separate commissioning functions' },
    { key: 's75', name: 'A section 75 pooled budget with one partner as lead' },
    { key: 'jv', name: 'A joint venture company' },
    {
      key: 'icu',
      name: 'An integrated commissioning unit',
      description: 'Staff stay with their employers on their terms and conditions, working as one unit',
    },
  ],
  stages: [
    {
      name: 'Approaches',
      criteria: [
        { key: 'pathways', name: 'Consistent commissioning and joined-up pathways', weightBp: 5000 },
        { key: 'efficiency', name: 'Less duplication and inefficiency', weightBp: 3000 },
        { key: 'outcomesBased', name: 'Use of outcome-based commissioning', weightBp: 2000 },
      ],
      scores: [
        {
          assessor: 'People Directorate (illustrative)',
          byOption: {
            none: { pathways: 2, efficiency: 2, outcomesBased: 2 },
            strategy: { pathways: 4, efficiency: 3, outcomesBased: 3 },
            s75: { pathways: 8, efficiency: 8, outcomesBased: 7 },
            jv: { pathways: 8, efficiency: 7, outcomesBased: 8 },
            icu: { pathways: 8, efficiency: 8, outcomesBased: 8 },
          },
        },
      ],
      decisions: {
        none: {
          status: 'rejected',
          reason:
            'Would maintain inconsistencies in commissioning leading to disjointed pathways and provision, duplications and inefficiencies and limited use of outcome based commissioning.',
        },
        strategy: {
          status: 'rejected',
          reason:
            'Would maintain inconsistencies in commissioning leading to disjointed pathways and provision, duplications and inefficiencies and limited use of outcome based commissioning.',
        },
        s75: { status: 'carried_forward' },
        jv: { status: 'carried_forward' },
        icu: { status: 'carried_forward' },
      },
    },
    {
      name: 'Models for an integrated unit',
      criteria: [
        { key: 'benefits', name: 'Benefits of integrated commissioning', weightBp: 4000 },
        { key: 'staff', name: 'Little disruption to staff (no TUPE transfer)', weightBp: 2000 },
        {
          key: 'governance',
          name: 'Each organisation keeps its accountability and governance',
          weightBp: 2000,
        },
        {
          key: 'cost',
          name: 'Additional cost to the Council a year',
          description: 'The unit was expected to cost £90,800 a year more from 2014/15',
          weightBp: 2000,
          scale: cost,
        },
      ],
      scores: [
        {
          assessor: 'People Directorate (illustrative)',
          byOption: {
            s75: { benefits: 8, staff: 4, governance: 5, cost: pounds(150_000) },
            jv: { benefits: 8, staff: 1, governance: 2, cost: pounds(240_000) },
            icu: { benefits: 8, staff: 9, governance: 9, cost: pounds(90_800) },
          },
          rationale: { 'icu/cost': 'Cabinet report, 15 October 2013: £90,800 a year from 2014/15' },
        },
      ],
      decisions: {
        s75: {
          status: 'rejected',
          reason:
            'Would have supported the benefits of integrated commissioning, but the integrated unit achieves them while being less disruptive to staff (no TUPE implications), retaining accountability and governance for each organisation and allowing a period to trial and evaluate the approach first.',
        },
        jv: {
          status: 'rejected',
          reason:
            'Would have supported the benefits of integrated commissioning, but the integrated unit achieves them while being less disruptive to staff (no TUPE implications), retaining accountability and governance for each organisation and allowing a period to trial and evaluate the approach first.',
        },
        icu: { status: 'preferred' },
      },
    },
  ],
  freezeWithDecision: 'Cabinet, 15 October 2013 (effective 23 October 2013)',
};

/** Loads both Southampton appraisals, frozen as the records their Cabinet decisions rest on; returns their ids. */
export async function loadAppraisalDemo(
  db: Db,
  southamptonId: number,
): Promise<{ integratedCommissioning2013: number; governanceOptions2017: number }> {
  return transaction(db, async (trx) => {
    const a2013 = await createAppraisalFromPlan(trx, actor, southamptonId, SOUTHAMPTON_2013);
    const a2017 = await createAppraisalFromPlan(trx, actor, southamptonId, SOUTHAMPTON_2017);
    return { integratedCommissioning2013: a2013.appraisalId, governanceOptions2017: a2017.appraisalId };
  });
}

/**
 * Links the two Southampton appraisals to the Cabinet decisions they informed, once those decisions are in the
 * demo: 15 October 2013 (the integrated commissioning unit) and 18 July 2017 (the joint commissioning board).
 * Each decision's page then shows the alternative options considered, drawn from its appraisal.
 */
export async function linkAppraisalDemoToDecisions(
  db: Db,
  southamptonId: number,
  decisions: { october2013: number; july2017: number },
): Promise<void> {
  await transaction(db, async (trx) => {
    const byTitle = async (title: string) => {
      const row = await trx
        .selectFrom('appraisals')
        .select('id')
        .where('partnership_id', '=', southamptonId)
        .where('title', '=', title)
        .executeTakeFirstOrThrow();
      return row.id;
    };
    await linkAppraisalToDecision(
      trx,
      actor,
      southamptonId,
      await byTitle(SOUTHAMPTON_2013.title),
      decisions.october2013,
    );
    await linkAppraisalToDecision(
      trx,
      actor,
      southamptonId,
      await byTitle(SOUTHAMPTON_2017.title),
      decisions.july2017,
    );
  });
}
