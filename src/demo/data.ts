/**
 * The demonstration partnerships, built from the seed documents (../shared/seeds). Where a seed gives a figure
 * it is used; where it gives none, the figure is invented, plausible, and marked `illustrative`.
 */
import type {
  AgreementKind,
  AgreementStatus,
  Arrangement,
  LocalAuthorityTier,
  OrganisationKind,
} from '../partnerships/index.js';
import type { Role } from '../auth/index.js';

export interface DemoOrganisation {
  key: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  laTier?: LocalAuthorityTier;
  odsCode?: string;
  gssCode?: string;
  existsFrom?: string;
  existsTo?: string;
  successor?: string;
  illustrative?: boolean;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'sotonCcg',
    name: 'NHS Southampton City Clinical Commissioning Group',
    shortName: 'Southampton CCG',
    kind: 'ccg',
    odsCode: '10X',
    existsFrom: '2013-04-01',
    existsTo: '2022-06-30',
    successor: 'hiowIcb',
  },
  {
    key: 'sotonCouncil',
    name: 'Southampton City Council',
    shortName: 'Southampton CC',
    kind: 'local_authority',
    laTier: 'unitary',
    gssCode: 'E06000045',
  },
  {
    key: 'hiowIcb',
    name: 'NHS Hampshire and Isle of Wight Integrated Care Board',
    shortName: 'HIOW ICB',
    kind: 'icb',
    odsCode: 'QRL',
    existsFrom: '2022-07-01',
  },
  {
    key: 'somersetCcg',
    name: 'NHS Somerset Clinical Commissioning Group',
    shortName: 'Somerset CCG',
    kind: 'ccg',
    odsCode: '11X',
    existsFrom: '2013-04-01',
    existsTo: '2022-06-30',
    successor: 'somersetIcb',
  },
  {
    key: 'somersetIcb',
    name: 'NHS Somerset Integrated Care Board',
    shortName: 'Somerset ICB',
    kind: 'icb',
    odsCode: 'QSL',
    existsFrom: '2022-07-01',
  },
  {
    key: 'somersetCounty',
    name: 'Somerset County Council',
    shortName: 'Somerset CC',
    kind: 'local_authority',
    laTier: 'county',
    gssCode: 'E10000027',
    existsTo: '2023-03-31',
    successor: 'somersetCouncil',
  },
  {
    key: 'somersetCouncil',
    name: 'Somerset Council',
    shortName: 'Somerset Council',
    kind: 'local_authority',
    laTier: 'unitary',
    gssCode: 'E06000066',
    existsFrom: '2023-04-01',
  },
  { key: 'nhsEngland', name: 'NHS England', shortName: 'NHS England', kind: 'nhs_england', odsCode: 'X24' },
  {
    key: 'lutonCcg',
    name: 'NHS Luton Clinical Commissioning Group',
    shortName: 'Luton CCG',
    kind: 'ccg',
    odsCode: '06P',
    existsFrom: '2013-04-01',
    existsTo: '2021-03-31',
    successor: 'blmkCcg',
  },
  {
    key: 'blmkCcg',
    name: 'NHS Bedfordshire, Luton and Milton Keynes Clinical Commissioning Group',
    shortName: 'BLMK CCG',
    kind: 'ccg',
    odsCode: 'M1J4Y',
    existsFrom: '2021-04-01',
    existsTo: '2022-06-30',
    successor: 'blmkIcb',
  },
  {
    key: 'blmkIcb',
    name: 'NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board',
    shortName: 'BLMK ICB',
    kind: 'icb',
    odsCode: 'QHG',
    existsFrom: '2022-07-01',
  },
  {
    key: 'lutonCouncil',
    name: 'Luton Borough Council',
    shortName: 'Luton BC',
    kind: 'local_authority',
    laTier: 'unitary',
    gssCode: 'E06000032',
  },
];

export interface DemoAgreement {
  kind: AgreementKind;
  title: string;
  status: AgreementStatus;
  startsOn: string | null;
  endsOn?: string | null;
  host?: string;
  summary: string;
  illustrative?: boolean;
}

export interface DemoBudgetArea {
  year: number;
  name: string;
  arrangement: Arrangement;
  host?: string;
  notes?: string;
  /** Contributions in pence, by organisation key. */
  pence: Record<string, number>;
}

export interface DemoPartnership {
  slug: string;
  name: string;
  description: string;
  formedOn: string | null;
  partners: string[];
  agreements: DemoAgreement[];
  budget: DemoBudgetArea[];
}

const m = (pounds: number): number => Math.round(pounds * 100); // demo figures are whole pounds

export const DEMO_PARTNERSHIPS: DemoPartnership[] = [
  {
    slug: 'southampton',
    name: 'Southampton City integrated commissioning',
    description:
      'Southampton City CCG and Southampton City Council commission together through an integrated commissioning unit (from 2013) and a joint commissioning board with executive powers (from 2017), over a pooled budget of at least £105m under section 75 as part of the Better Care Fund.',
    formedOn: '2013-10-15',
    partners: ['sotonCcg', 'sotonCouncil'],
    agreements: [
      {
        kind: 'mou',
        title: 'Memorandum of understanding: Integrated Commissioning Unit',
        status: 'live',
        startsOn: '2013-10-23',
        summary:
          'Establishes an integrated commissioning unit between the People Directorate and the CCG. Staff remain employed by their current employer, with their existing terms and conditions, but work as part of a combined unit. Approved by Cabinet on 15 October 2013 (effective 23 October 2013).',
      },
      {
        kind: 's75',
        title: 'Section 75 partnership agreement: Better Care Fund and integrated commissioning',
        status: 'live',
        startsOn: '2015-04-01',
        host: 'sotonCouncil',
        illustrative: true,
        summary:
          'Pooled budget far bigger than the Better Care Fund minimum, covering social care, mental health, elements of public health and community services. Contains a mechanism for dealing with significant changes to the funding or statutory responsibilities of either organisation. Host and start date illustrative.',
      },
      {
        kind: 'terms_of_reference',
        title: 'Joint Commissioning Board terms of reference',
        status: 'live',
        startsOn: '2017-07-27',
        summary:
          'A joint commissioning board with executive powers: three CCG governing body members nominated by the CCG chair and three cabinet members, the chair rotating between the council and the CCG, meeting monthly in public from April 2018, its decisions examined by the council’s health overview and scrutiny committee.',
      },
    ],
    budget: [
      {
        year: 2017,
        name: 'Adult social care',
        arrangement: 'pooled',
        host: 'sotonCouncil',
        pence: { sotonCcg: m(6_120_000), sotonCouncil: m(38_940_000) },
      },
      {
        year: 2017,
        name: 'Community health services for adults (nursing, podiatry, palliative care)',
        arrangement: 'pooled',
        host: 'sotonCouncil',
        pence: { sotonCcg: m(26_480_000) },
      },
      {
        year: 2017,
        name: 'Rehabilitation, reablement and hospital discharge',
        arrangement: 'pooled',
        host: 'sotonCouncil',
        pence: { sotonCcg: m(9_350_000), sotonCouncil: m(4_180_000) },
      },
      {
        year: 2017,
        name: 'Mental health services',
        arrangement: 'pooled',
        host: 'sotonCouncil',
        pence: { sotonCcg: m(14_600_000), sotonCouncil: m(3_240_000) },
      },
      {
        year: 2017,
        name: 'Public health (substance misuse and sexual health)',
        arrangement: 'pooled',
        host: 'sotonCouncil',
        pence: { sotonCouncil: m(2_690_000) },
      },
      {
        year: 2017,
        name: 'Integrated services for children with complex health needs',
        arrangement: 'aligned',
        pence: { sotonCcg: m(3_870_000), sotonCouncil: m(5_210_000) },
      },
      {
        year: 2017,
        name: 'Prevention and early intervention',
        arrangement: 'aligned',
        pence: { sotonCcg: m(1_450_000), sotonCouncil: m(2_330_000) },
      },
      {
        year: 2017,
        name: 'Emergency and interventional hospital care',
        arrangement: 'outside',
        notes:
          'Section 75 agreements cannot cover interventional services, which many emergency care services include.',
        pence: { sotonCcg: m(168_400_000) },
      },
    ],
  },
  {
    slug: 'somerset',
    name: 'Somerset joint health and care board',
    description:
      'Somerset CCG, Somerset County Council and NHS England commission together through a joint health and care board with a significantly pooled budget; each keeps its own responsibilities and they take decisions at the same time through the board. Services that cannot legally be pooled are lead-commissioned by one partner.',
    formedOn: '2018-04-01',
    partners: ['somersetCcg', 'somersetCounty', 'nhsEngland'],
    agreements: [
      {
        kind: 'terms_of_reference',
        title: 'Joint health and care board terms of reference (shadow board)',
        status: 'shadow',
        startsOn: '2018-04-01',
        illustrative: true,
        summary:
          'A shadow board meeting in public while the detailed business case is developed; it must comply with the governance of each of the three organisations.',
      },
      {
        kind: 's75',
        title: 'Section 75 partnership agreement: pooled budget',
        status: 'draft',
        startsOn: '2019-04-01',
        host: 'somersetCounty',
        illustrative: true,
        summary:
          'Draft. The council as accountable body (possible VAT benefits). Surgery, radiotherapy, abortions and certain invasive treatments cannot be pooled and are lead-commissioned by the CCG.',
      },
    ],
    budget: [
      {
        year: 2018,
        name: 'Adult social care',
        arrangement: 'pooled',
        host: 'somersetCounty',
        pence: { somersetCcg: m(14_200_000), somersetCounty: m(128_600_000) },
      },
      {
        year: 2018,
        name: 'Children’s social care',
        arrangement: 'pooled',
        host: 'somersetCounty',
        pence: { somersetCounty: m(71_300_000), somersetCcg: m(4_900_000) },
      },
      {
        year: 2018,
        name: 'Community health services',
        arrangement: 'pooled',
        host: 'somersetCounty',
        pence: { somersetCcg: m(96_400_000) },
      },
      {
        year: 2018,
        name: 'Public health',
        arrangement: 'pooled',
        host: 'somersetCounty',
        pence: { somersetCounty: m(19_800_000) },
      },
      {
        year: 2018,
        name: 'Primary care',
        arrangement: 'aligned',
        pence: { nhsEngland: m(62_500_000), somersetCcg: m(8_100_000) },
      },
      {
        year: 2018,
        name: 'Surgery, radiotherapy, termination of pregnancy and invasive treatments',
        arrangement: 'lead_commissioning',
        host: 'somersetCcg',
        notes: 'Excluded from pooling (SI 2000/617); commissioned by the CCG as lead, outside the pool.',
        pence: { somersetCcg: m(243_700_000) },
      },
      {
        year: 2018,
        name: 'Specialised services',
        arrangement: 'lead_commissioning',
        host: 'nhsEngland',
        pence: { nhsEngland: m(118_900_000) },
      },
    ],
  },
  {
    slug: 'luton',
    name: 'Luton integrated commissioning',
    description:
      'Luton CCG and Luton Borough Council signed a concordat to begin integrated commissioning in 2018-19, merging budgets gradually (“gradual confidence building”), with an integrated commissioning committee accountable to both and the health and wellbeing board giving strategic overview.',
    formedOn: '2018-04-01',
    partners: ['lutonCcg', 'lutonCouncil'],
    agreements: [
      {
        kind: 'mou',
        title: 'Concordat on integrated commissioning',
        status: 'live',
        startsOn: '2018-04-01',
        illustrative: true,
        summary:
          'Not legally binding, but “deep and broad”: a genuine intent to pool as much as possible, with the emphasis on prevention and early intervention.',
      },
    ],
    budget: [
      {
        year: 2018,
        name: 'Prevention and early intervention',
        arrangement: 'pooled',
        host: 'lutonCouncil',
        pence: { lutonCcg: m(1_250_000), lutonCouncil: m(1_750_000) },
      },
      {
        year: 2018,
        name: 'Health checks and psychological therapies (joint procurement)',
        arrangement: 'aligned',
        pence: { lutonCcg: m(3_400_000), lutonCouncil: m(620_000) },
      },
      {
        year: 2018,
        name: 'Urgent and emergency care support',
        arrangement: 'aligned',
        notes: 'Pooling under consideration.',
        pence: { lutonCcg: m(5_800_000), lutonCouncil: m(900_000) },
      },
    ],
  },
];

/** The password of every demo account: printed on start and in the README, for a demonstration only. */
export const DEMO_PASSWORD = 'concordat-demo';

export interface DemoUser {
  email: string;
  name: string;
  systemAdmin?: boolean;
  /** `organisation`: the partner the user works for in that role (a finance officer of the host keeps the pool). */
  roles: { partnership: string; role: Role; organisation?: string }[];
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@concordat.example', name: 'Alex Admin', systemAdmin: true, roles: [] },
  {
    email: 'finance@southampton.example',
    name: 'Fran Finance',
    roles: [{ partnership: 'southampton', role: 'finance_officer', organisation: 'sotonCouncil' }],
  },
  {
    // a finance officer of the partner that does not host the pool: sees the whole monitoring report and only the
    // CCG's own contributions and statements (ledger/statements/access.ts)
    email: 'finance.ccg@southampton.example',
    name: 'Cal CCG Finance',
    roles: [{ partnership: 'southampton', role: 'finance_officer', organisation: 'sotonCcg' }],
  },
  {
    email: 'commissioning@southampton.example',
    name: 'Chris Commissioner',
    roles: [{ partnership: 'southampton', role: 'commissioning_officer' }],
  },
  {
    email: 'democratic@southampton.example',
    name: 'Dana Democratic',
    roles: [{ partnership: 'southampton', role: 'democratic_services_officer' }],
  },
  {
    email: 'board@southampton.example',
    name: 'Bo Boardmember',
    roles: [{ partnership: 'southampton', role: 'board_member' }],
  },
  {
    email: 'scrutiny@southampton.example',
    name: 'Sam Scrutiny',
    roles: [{ partnership: 'southampton', role: 'scrutiny_member' }],
  },
  {
    email: 'admin@somerset.example',
    name: 'Sol Somerset',
    roles: [
      { partnership: 'somerset', role: 'administrator' },
      { partnership: 'somerset', role: 'finance_officer', organisation: 'somersetCounty' },
    ],
  },
  {
    email: 'admin@luton.example',
    name: 'Lee Luton',
    roles: [{ partnership: 'luton', role: 'administrator' }],
  },
];
