/**
 * The Somerset and Luton funds of the demo (loaded by ledgerDemoSomersetLuton.ts): schemes, budgets, providers
 * and spend against budget. Every figure is illustrative, except that the budgets agree with the partnerships'
 * budget areas in data.ts; Somerset's excluded services are lead-commissioned outside the pool.
 */
import { pence } from '../kernel/money.js';

export const m = (pounds: number) => pence(pounds * 100);
export const PROFILE = [8, 8, 8, 8, 7, 8, 9, 9, 10, 9, 8, 8];

export interface DemoScheme {
  code: string;
  name: string;
  type: string;
  area: string;
  commissioner: 'la' | 'nhs' | 'joint';
  provider: string;
  service: string;
  /** Budget in whole pounds by partner key and stream. */
  budget: [partner: string, stream: string, pounds: number][];
  /** Spend against budget in basis points (10000 = on budget). */
  outturnBp: number;
}

export interface DemoFund {
  name: string;
  kind: 'pooled' | 'aligned';
  host: string | null;
  manager: string;
  betterCareFund: boolean;
  schemes: DemoScheme[];
  /** Each partner's cost-centre prefix in its own ledger. */
  prefixes: Record<string, string>;
  importPeriods: number[];
}

const NHS = 'NHS contribution';
const LA = 'Council contribution';

export const SOMERSET_POOL: DemoFund = {
  name: 'Somerset joint health and care pooled budget (shadow year)',
  kind: 'pooled',
  host: 'council',
  manager: 'Pooled budget manager, Somerset County Council (illustrative)',
  betterCareFund: false,
  prefixes: { ccg: '11X', council: 'SCCFIN' },
  importPeriods: [1, 2, 3],
  schemes: [
    {
      code: 'SOM01',
      name: 'Adult social care packages and reablement',
      type: 'Home Care or Domiciliary Care',
      area: 'Social Care',
      commissioner: 'la',
      provider: 'Various home care providers',
      service: 'adult-social-care',
      budget: [
        ['ccg', NHS, 14_200_000],
        ['council', LA, 128_600_000],
      ],
      outturnBp: 10_120,
    },
    {
      code: 'SOM02',
      name: 'Children’s social care and complex needs',
      type: 'Residential Placements',
      area: 'Social Care',
      commissioner: 'joint',
      provider: 'Somerset County Council children’s services',
      service: 'childrens-social-care',
      budget: [
        ['ccg', NHS, 4_900_000],
        ['council', LA, 71_300_000],
      ],
      outturnBp: 10_050,
    },
    {
      code: 'SOM03',
      name: 'Community health services (nursing, therapies, community hospitals)',
      type: 'Community Based Schemes',
      area: 'Community Health',
      commissioner: 'nhs',
      provider: 'Somerset Partnership NHS FT',
      service: 'community-nursing',
      budget: [['ccg', NHS, 96_400_000]],
      outturnBp: 9_980,
    },
    {
      code: 'SOM04',
      name: 'Public health services',
      type: 'Prevention / Early Intervention',
      area: 'Other',
      commissioner: 'la',
      provider: 'Various',
      service: 'public-health',
      budget: [['council', LA, 19_800_000]],
      outturnBp: 9_900,
    },
  ],
};

/** Kept outside the pool: the services that cannot be pooled, lead-commissioned by the CCG, and primary care. */
export const SOMERSET_ALIGNED: DemoFund = {
  name: 'Aligned budget: lead-commissioned services outside the pool',
  kind: 'aligned',
  host: null,
  manager: '',
  betterCareFund: false,
  prefixes: { ccg: '11X', nhse: 'NHSE' },
  importPeriods: [1, 2, 3],
  schemes: [
    {
      code: 'LC01',
      name: 'Planned and emergency surgery (lead-commissioned by the CCG; cannot be pooled)',
      type: 'Other',
      area: 'Acute',
      commissioner: 'nhs',
      provider: 'Taunton and Somerset NHS FT; Yeovil District Hospital NHS FT',
      service: 'surgery',
      budget: [['ccg', NHS, 198_300_000]],
      outturnBp: 10_060,
    },
    {
      code: 'LC02',
      name: 'Radiotherapy (lead-commissioned by the CCG; cannot be pooled)',
      type: 'Other',
      area: 'Acute',
      commissioner: 'nhs',
      provider: 'Taunton and Somerset NHS FT',
      service: 'radiotherapy',
      budget: [['ccg', NHS, 21_400_000]],
      outturnBp: 10_000,
    },
    {
      code: 'LC03',
      name: 'Endoscopy, termination of pregnancy and other invasive treatments (cannot be pooled)',
      type: 'Other',
      area: 'Acute',
      commissioner: 'nhs',
      provider: 'Various NHS providers',
      service: 'endoscopy',
      budget: [['ccg', NHS, 24_000_000]],
      outturnBp: 9_950,
    },
    {
      code: 'PC01',
      name: 'Primary care (NHS England and the CCG, planned together)',
      type: 'Other',
      area: 'Primary Care',
      commissioner: 'nhs',
      provider: 'Somerset GP practices',
      service: 'primary-care',
      budget: [
        ['nhse', NHS, 62_500_000],
        ['ccg', NHS, 8_100_000],
      ],
      outturnBp: 10_000,
    },
  ],
};

export const LUTON_POOL: DemoFund = {
  name: 'Prevention and early intervention pool (first year)',
  kind: 'pooled',
  host: 'council',
  manager: 'Integrated commissioning manager, Luton Borough Council (illustrative)',
  betterCareFund: false,
  prefixes: { ccg: '06P', council: 'LBC' },
  importPeriods: [1, 2, 3],
  schemes: [
    {
      code: 'LU01',
      name: 'Social prescribing and community navigators',
      type: 'Integrated Care Planning and Navigation',
      area: 'Community Health',
      commissioner: 'joint',
      provider: 'Voluntary sector alliance',
      service: 'prevention-early-intervention',
      budget: [
        ['ccg', NHS, 600_000],
        ['council', LA, 350_000],
      ],
      outturnBp: 9_800,
    },
    {
      code: 'LU02',
      name: 'Falls prevention, strength and balance',
      type: 'Prevention / Early Intervention',
      area: 'Community Health',
      commissioner: 'nhs',
      provider: 'Cambridgeshire Community Services NHS Trust',
      service: 'prevention-early-intervention',
      budget: [['ccg', NHS, 650_000]],
      outturnBp: 10_150,
    },
    {
      code: 'LU03',
      name: 'Healthy lifestyles and weight management',
      type: 'Prevention / Early Intervention',
      area: 'Other',
      commissioner: 'la',
      provider: 'Luton Borough Council public health',
      service: 'public-health',
      budget: [['council', LA, 900_000]],
      outturnBp: 9_600,
    },
    {
      code: 'LU04',
      name: 'Carers support',
      type: 'Carers Services',
      area: 'Social Care',
      commissioner: 'la',
      provider: 'Carers in Bedfordshire',
      service: 'adult-social-care',
      budget: [['council', LA, 500_000]],
      outturnBp: 10_000,
    },
  ],
};
