/**
 * Southampton's savings in 2016-17. The seed (000: the joint board report) gives only the three totals: "combined
 * savings of £6.4m within adult social care (£2.4m), public health (£1m) and the CCG's budget (£3m)". The lines
 * that make up each total are ILLUSTRATIVE, as are their monthly profiles; each is planned evenly across the
 * twelve months (largest remainder, so the months add up to the line) and achieved in full by March 2017.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { apportionByWeights, pence } from '../kernel/money.js';
import {
  PERIODS,
  type BudgetLine,
  type Confidence,
  type SavingType,
} from '../commissioning/savings/index.js';
import { createSavingsLine, recordAchieved } from '../commissioning/savings/index.js';

const actor = systemActor('demo loader');
const pounds = (n: number) => pence(n * 100);

/** The seed's three totals, in pence: the lines of each budget must add up to its total. */
export const SOUTHAMPTON_2016_17_TOTALS = {
  adultSocialCare: pounds(2_400_000),
  publicHealth: pounds(1_000_000),
  ccg: pounds(3_000_000),
} as const;

interface DemoLine {
  partner: 'council' | 'ccg';
  budgetLine: BudgetLine;
  description: string;
  project: string;
  type: SavingType;
  confidence: Confidence;
  amountPence: number;
}

export const SOUTHAMPTON_2016_17_LINES: readonly DemoLine[] = [
  // adult social care, £2.4m
  {
    partner: 'council',
    budgetLine: 'adult_social_care',
    description: 'Reablement and rehabilitation pathway redesign',
    project: 'Rehabilitation, reablement and discharge',
    type: 'cashable',
    confidence: 'high',
    amountPence: pounds(1_000_000),
  },
  {
    partner: 'council',
    budgetLine: 'adult_social_care',
    description: 'Fewer residential placements through extra care housing',
    project: 'Prevention and early intervention',
    type: 'cost_avoidance',
    confidence: 'medium',
    amountPence: pounds(900_000),
  },
  {
    partner: 'council',
    budgetLine: 'adult_social_care',
    description: 'Single commissioning team for the council and the CCG',
    project: 'Integrated commissioning unit',
    type: 'efficiency_back_office',
    confidence: 'high',
    amountPence: pounds(500_000),
  },
  // public health, £1m
  {
    partner: 'council',
    budgetLine: 'public_health',
    description: 'Recommissioned sexual health services',
    project: 'Public health recommissioning',
    type: 'cashable',
    confidence: 'high',
    amountPence: pounds(600_000),
  },
  {
    partner: 'council',
    budgetLine: 'public_health',
    description: 'Integrated healthy lifestyles service',
    project: 'Prevention and early intervention',
    type: 'cashable',
    confidence: 'medium',
    amountPence: pounds(400_000),
  },
  // the CCG's budget, £3m
  {
    partner: 'ccg',
    budgetLine: 'nhs_commissioner',
    description: 'Fewer emergency admissions through cluster working',
    project: 'Community health services for adults',
    type: 'cost_avoidance',
    confidence: 'medium',
    amountPence: pounds(1_800_000),
  },
  {
    partner: 'ccg',
    budgetLine: 'nhs_commissioner',
    description: 'Joint brokerage of continuing healthcare packages',
    project: 'Integrated commissioning unit',
    type: 'cashable',
    confidence: 'high',
    amountPence: pounds(800_000),
  },
  {
    partner: 'ccg',
    budgetLine: 'nhs_commissioner',
    description: 'Shared office estate for the commissioning teams',
    project: 'Integrated commissioning unit',
    type: 'efficiency_shared_estate',
    confidence: 'high',
    amountPence: pounds(400_000),
  },
];

/** Loads the year's lines and records every month achieved as planned, in one transaction. */
export async function loadSavingsDemo(
  db: Db,
  partnershipId: number,
  ccg: number,
  council: number,
): Promise<void> {
  await transaction(db, async (trx) => {
    for (const l of SOUTHAMPTON_2016_17_LINES) {
      const months = apportionByWeights(
        l.amountPence,
        PERIODS.map(() => 1),
      );
      const id = await createSavingsLine(trx, actor, partnershipId, {
        financialYear: 2016,
        organisationId: l.partner === 'ccg' ? ccg : council,
        budgetLine: l.budgetLine,
        description: l.description,
        projectReference: l.project,
        savingType: l.type,
        confidence: l.confidence,
        plannedByPeriod: months,
        illustrative: true,
      });
      for (const p of PERIODS)
        await recordAchieved(trx, actor, partnershipId, id, p, months[p - 1] ?? pence(0));
    }
  });
}
