/**
 * The rules of organisations, partnerships, agreements and budget areas: pure functions over plain data.
 */
import { sumPence, type Pence } from '../kernel/money.js';
import type { FieldProblems } from '../kernel/result.js';

export const ORGANISATION_KINDS = {
  icb: 'Integrated care board',
  ccg: 'Clinical commissioning group',
  local_authority: 'Local authority',
  nhs_england: 'NHS England',
  nhs_trust: 'NHS trust',
  other: 'Other organisation',
} as const;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;

export const LOCAL_AUTHORITY_TIERS = {
  unitary: 'Unitary authority',
  county: 'County council',
  district: 'District council',
  metropolitan: 'Metropolitan borough',
  london_borough: 'London borough',
} as const;
export type LocalAuthorityTier = keyof typeof LOCAL_AUTHORITY_TIERS;

/** Councils with social care duties (DOMAIN.md §1): districts have none, so they rarely pool care budgets. */
export const hasSocialCareDuties = (tier: LocalAuthorityTier): boolean => tier !== 'district';

export const AGREEMENT_KINDS = {
  s75: {
    label: 'Section 75 partnership agreement',
    legallyBinding: true,
    basis: 'NHS Act 2006 s75; SI 2000/617',
  },
  s65z5: {
    label: 'Section 65Z5 joint working or delegation arrangement',
    legallyBinding: true,
    basis: 'NHS Act 2006 s65Z5 (inserted by the Health and Care Act 2022)',
  },
  mou: {
    label: 'Memorandum of understanding or concordat',
    legallyBinding: false,
    basis: 'Not legally binding',
  },
  terms_of_reference: {
    label: 'Joint committee terms of reference',
    legallyBinding: true,
    basis: 'LGA 1972 ss101-102; executive arrangements regulations',
  },
} as const;
export type AgreementKind = keyof typeof AGREEMENT_KINDS;

export const AGREEMENT_STATUSES = { draft: 'Draft', shadow: 'Shadow', live: 'Live', ended: 'Ended' } as const;
export type AgreementStatus = keyof typeof AGREEMENT_STATUSES;

/** How an area of spend is arranged (DOMAIN.md §4; SI 2000/617 regs 7 to 9). */
export const ARRANGEMENTS = {
  pooled: { label: 'Pooled fund', hostLabel: 'Host' },
  aligned: { label: 'Aligned budget', hostLabel: null },
  lead_commissioning: { label: 'Lead commissioning', hostLabel: 'Lead commissioner' },
  outside: { label: 'Outside the arrangement', hostLabel: null },
} as const;
export type Arrangement = keyof typeof ARRANGEMENTS;

/** A pooled fund has a host partner, and lead commissioning has a lead; the other arrangements have neither. */
export const arrangementNeedsHost = (a: Arrangement): boolean => a === 'pooled' || a === 'lead_commissioning';

// ODS codes: NHS organisation codes. ICBs' start with Q (QRL), CCGs' are two digits and a character (10X) or, for
// those formed by mergers from 2019, five characters (M1J4Y);
// trusts' start with R (RHM, or RHM01 for a site); others are 3 to 6 letters and digits.
const ODS_SHAPES: Partial<Record<OrganisationKind, { pattern: RegExp; example: string }>> = {
  icb: { pattern: /^Q[A-Z0-9]{2}$/, example: 'QRL' },
  ccg: { pattern: /^(?:\d{2}[A-Z0-9]|[A-Z0-9]{5})$/, example: '10X' },
  nhs_trust: { pattern: /^R[A-Z0-9]{2}(?:[A-Z0-9]{2})?$/, example: 'RHM' },
};
const ODS_GENERIC = { pattern: /^[A-Z0-9]{3,6}$/, example: 'X24' };

// GSS codes for English councils: E06 unitary, E07 district, E08 metropolitan, E09 London borough, E10 county.
const GSS_TIER_PREFIX: Record<LocalAuthorityTier, string> = {
  unitary: 'E06',
  district: 'E07',
  metropolitan: 'E08',
  london_borough: 'E09',
  county: 'E10',
};

/** Normalises a code as people type it: trimmed, upper case, empty as null. */
export function normaliseCode(text: string | undefined | null): string | null {
  const t = (text ?? '').trim().toUpperCase();
  return t === '' ? null : t;
}

export interface OrganisationInput {
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  laTier: LocalAuthorityTier | null;
  odsCode: string | null;
  gssCode: string | null;
  existsFrom: string | null;
  existsTo: string | null;
}

/** Checks an organisation's codes against its kind: NHS bodies have ODS codes, councils GSS codes of their tier. */
export function validateOrganisation(o: OrganisationInput): FieldProblems {
  const problems: FieldProblems = {};
  if (o.kind === 'local_authority') {
    if (!o.laTier) problems.laTier = 'Select the tier of the local authority';
    if (o.odsCode) problems.odsCode = 'A local authority has a GSS code, not an ODS code';
    if (o.gssCode) {
      if (!/^[EWSN]\d{8}$/.test(o.gssCode)) {
        problems.gssCode = 'Enter a GSS code as a letter and 8 digits, like E06000045';
      } else if (o.laTier && o.gssCode.startsWith('E') && !o.gssCode.startsWith(GSS_TIER_PREFIX[o.laTier])) {
        problems.gssCode = `A ${LOCAL_AUTHORITY_TIERS[o.laTier].toLowerCase()} in England has a GSS code starting ${GSS_TIER_PREFIX[o.laTier]}`;
      }
    }
  } else {
    if (o.laTier) problems.laTier = 'Only a local authority has a tier';
    if (o.gssCode) problems.gssCode = 'Only a local authority has a GSS code';
    if (o.odsCode) {
      const shape = ODS_SHAPES[o.kind] ?? ODS_GENERIC;
      if (!shape.pattern.test(o.odsCode)) {
        problems.odsCode = `Enter the ODS code of ${ORGANISATION_KINDS[o.kind].toLowerCase().replace(/^nhs/, 'NHS')} in its usual form, like ${shape.example}`;
      }
    }
  }
  if (o.existsFrom && o.existsTo && o.existsTo < o.existsFrom) {
    problems.existsTo = 'The date it ceased to exist must be on or after the date it was established';
  }
  return problems;
}

/** A partnership joins two or more organisations. */
export function validatePartnershipMembers(organisationIds: readonly number[]): FieldProblems {
  const distinct = new Set(organisationIds);
  if (distinct.size < 2) return { organisationIds: 'Select at least two partner organisations' };
  return {};
}

/** Turns a name into a URL slug: `Southampton City` → `southampton-city`. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

export interface AgreementInput {
  kind: AgreementKind;
  startsOn: string | null;
  endsOn: string | null;
  status: AgreementStatus;
  hostOrganisationId: number | null;
  partyIds: readonly number[];
}

/** An agreement's dates run forwards, its parties are partners, and a s75 pooled fund has a host partner. */
export function validateAgreement(a: AgreementInput, partnerIds: ReadonlySet<number>): FieldProblems {
  const problems: FieldProblems = {};
  if (a.startsOn && a.endsOn && a.endsOn < a.startsOn)
    problems.endsOn = 'The end date must be on or after the start date';
  if ((a.status === 'live' || a.status === 'ended') && !a.startsOn) {
    problems.startsOn = `Enter the start date of a${a.status === 'ended' ? 'n ended' : ' live'} agreement`;
  }
  if (a.status === 'ended' && !a.endsOn) problems.endsOn = 'Enter the date the agreement ended';
  if (a.partyIds.length < 2) problems.partyIds = 'Select at least two parties to the agreement';
  else if (a.partyIds.some((id) => !partnerIds.has(id)))
    problems.partyIds = 'Every party must be a partner in this partnership';
  if (a.hostOrganisationId !== null) {
    if (!partnerIds.has(a.hostOrganisationId))
      problems.hostOrganisationId = 'The host must be a partner in this partnership';
    else if (!a.partyIds.includes(a.hostOrganisationId))
      problems.hostOrganisationId = 'The host must be a party to the agreement';
  }
  return problems;
}

export interface ContributionLine {
  organisationId: number;
  amountPence: Pence;
}

export interface BudgetAreaInput {
  arrangement: Arrangement;
  hostOrganisationId: number | null;
  contributions: readonly ContributionLine[];
}

/** A budget area's host matches its arrangement and its contributions come from partners, never negative. */
export function validateBudgetArea(b: BudgetAreaInput, partnerIds: ReadonlySet<number>): FieldProblems {
  const problems: FieldProblems = {};
  const label = ARRANGEMENTS[b.arrangement].hostLabel;
  if (arrangementNeedsHost(b.arrangement)) {
    if (b.hostOrganisationId === null)
      problems.hostOrganisationId = `Select the ${(label ?? 'host').toLowerCase()}`;
    else if (!partnerIds.has(b.hostOrganisationId))
      problems.hostOrganisationId = `The ${(label ?? 'host').toLowerCase()} must be a partner`;
  } else if (b.hostOrganisationId !== null) {
    problems.hostOrganisationId = `An ${ARRANGEMENTS[b.arrangement].label.toLowerCase()} has no host`;
  }
  for (const c of b.contributions) {
    if (!partnerIds.has(c.organisationId))
      problems.contributions = `Organisation ${c.organisationId} is not a partner in this partnership`;
    else if (c.amountPence < 0)
      problems[`contribution-${c.organisationId}`] = 'A contribution cannot be negative';
  }
  return problems;
}

export interface BudgetAreaFigures {
  arrangement: Arrangement;
  contributions: readonly ContributionLine[];
}

export interface BudgetTotals {
  byArrangement: { arrangement: Arrangement; totalPence: Pence }[];
  byPartner: {
    organisationId: number;
    totalPence: Pence;
    byArrangement: Partial<Record<Arrangement, Pence>>;
  }[];
  totalPence: Pence;
}

/** Totals of contributions by arrangement and by partner; each set of totals adds up to the same grand total. */
export function budgetTotals(
  areas: readonly BudgetAreaFigures[],
  partnerIds: readonly number[],
): BudgetTotals {
  const arrangements = Object.keys(ARRANGEMENTS) as Arrangement[];
  const lines = areas.flatMap((a) => a.contributions.map((c) => ({ ...c, arrangement: a.arrangement })));
  const byArrangement = arrangements
    .map((arrangement) => ({
      arrangement,
      totalPence: sumPence(lines.filter((l) => l.arrangement === arrangement).map((l) => l.amountPence)),
    }))
    .filter((row) => areas.some((a) => a.arrangement === row.arrangement));
  const byPartner = partnerIds.map((organisationId) => {
    const own = lines.filter((l) => l.organisationId === organisationId);
    const split: Partial<Record<Arrangement, Pence>> = {};
    for (const arrangement of arrangements) {
      const mine = own.filter((l) => l.arrangement === arrangement);
      if (mine.length > 0) split[arrangement] = sumPence(mine.map((l) => l.amountPence));
    }
    return { organisationId, totalPence: sumPence(own.map((l) => l.amountPence)), byArrangement: split };
  });
  return { byArrangement, byPartner, totalPence: sumPence(lines.map((l) => l.amountPence)) };
}
