/**
 * Registers of interests on a joint board (DOMAIN.md §6): the two regimes side by side, their categories as data,
 * matching the organisations an interest names against the providers an agenda item names, the likely conflicts
 * that follow, and what the public register may show. Gifts and hospitality are in giftRules.ts. Pure: no I/O.
 */
import type { IsoDate } from '../../kernel/dates.js';
import type { OrganisationKind } from '../../partnerships/index.js';
import { serves } from '../boards/index.js';

export const INTEREST_REGIMES = {
  localism: {
    label: 'Councillors’ interests (Localism Act 2011)',
    source: 'Localism Act 2011 ss29–34; SI 2012/1464; the council’s code of conduct',
  },
  nhs: {
    label: 'NHS interests (Managing conflicts of interest in the NHS)',
    source: 'Managing conflicts of interest in the NHS, NHS England (revised 2024)',
  },
} as const;
export type InterestRegime = keyof typeof INTEREST_REGIMES;

export type ReviewStatus = 'draft' | 'reviewed';

/**
 * The regime follows the kind of the organisation that nominated the member: a council's members are under the
 * Localism Act 2011, NHS nominees under NHS England's guidance (DOMAIN.md §6). Any other nominating body has no
 * statutory register of its own here, so none is assumed.
 */
export const REGIME_BY_ORGANISATION_KIND: Record<OrganisationKind, InterestRegime | null> = {
  local_authority: 'localism',
  icb: 'nhs',
  ccg: 'nhs',
  nhs_england: 'nhs',
  nhs_trust: 'nhs',
  other: null,
};

export const regimeFor = (kind: OrganisationKind): InterestRegime | null => REGIME_BY_ORGANISATION_KIND[kind];

export interface InterestCategory {
  key: string;
  label: string;
  hint: string;
  source: string;
}

const DPI = 'SI 2012/1464, Schedule (disclosable pecuniary interest)';
const LOCAL_CODE =
  'Other registrable interest under the council’s code of conduct (default: LGA Model Councillor Code of ' +
  'Conduct 2020, Appendix B, Table 2)';
const NHS = 'Managing conflicts of interest in the NHS, NHS England: types of interest';

/** The categories of each regime, in the order of their sources. */
export const INTEREST_CATEGORIES: Record<InterestRegime, readonly InterestCategory[]> = {
  localism: [
    {
      key: 'dpi_employment',
      label: 'Employment, office, trade, profession or vocation',
      hint: 'Carried on for profit or gain',
      source: DPI,
    },
    {
      key: 'dpi_sponsorship',
      label: 'Sponsorship',
      hint: 'Payment or other financial benefit towards expenses as a member or election expenses, other than from the council',
      source: DPI,
    },
    {
      key: 'dpi_contracts',
      label: 'Contracts',
      hint: 'A contract with the council for goods, services or works, not fully discharged',
      source: DPI,
    },
    {
      key: 'dpi_land',
      label: 'Land',
      hint: 'A beneficial interest in land in the council’s area',
      source: DPI,
    },
    {
      key: 'dpi_licences',
      label: 'Licences',
      hint: 'A licence to occupy land in the council’s area for a month or longer',
      source: DPI,
    },
    {
      key: 'dpi_corporate_tenancies',
      label: 'Corporate tenancies',
      hint: 'A tenancy where the landlord is the council and the tenant a body in which you have a beneficial interest',
      source: DPI,
    },
    {
      key: 'dpi_securities',
      label: 'Securities',
      hint: 'Securities of a body with a place of business or land in the area, above £25,000 nominal value or 1/100 of its issued share capital',
      source: DPI,
    },
    {
      key: 'ori_appointed_body',
      label: 'Body to which the council appointed or nominated you',
      hint: 'Of which you are in general control or management',
      source: LOCAL_CODE,
    },
    {
      key: 'ori_public_functions',
      label: 'Body exercising functions of a public nature',
      hint: 'Of which you are a member or in general control or management',
      source: LOCAL_CODE,
    },
    {
      key: 'ori_charity',
      label: 'Body directed to charitable purposes',
      hint: 'Of which you are a member or in general control or management',
      source: LOCAL_CODE,
    },
    {
      key: 'ori_public_opinion',
      label: 'Body influencing public opinion or policy',
      hint: 'Including a political party or trade union',
      source: LOCAL_CODE,
    },
  ],
  nhs: [
    {
      key: 'financial',
      label: 'Financial interest',
      hint: 'You could benefit financially from the consequences of a decision',
      source: NHS,
    },
    {
      key: 'non_financial_professional',
      label: 'Non-financial professional interest',
      hint: 'You could gain professionally, for example in reputation or career',
      source: NHS,
    },
    {
      key: 'non_financial_personal',
      label: 'Non-financial personal interest',
      hint: 'You could benefit personally, not professionally and not financially',
      source: NHS,
    },
    {
      key: 'indirect',
      label: 'Indirect interest',
      hint: 'Someone close to you holds a financial, professional or personal interest',
      source: NHS,
    },
  ],
};

/** The category of a regime with this key, if there is one. */
export const categoryOf = (regime: InterestRegime, key: string): InterestCategory | undefined =>
  INTEREST_CATEGORIES[regime].find((c) => c.key === key);

/** Whether the category is a disclosable pecuniary interest (taking part with one is an offence, s34). */
export const isDisclosablePecuniary = (regime: InterestRegime, key: string): boolean =>
  regime === 'localism' && key.startsWith('dpi_');

/**
 * A name reduced for matching: case, accents, apostrophes and full stops ignored, other punctuation read as a
 * space, `&` read as "and", a leading "the" and "limited" as "ltd", so that "Solent NHS Trust", "solent nhs trust"
 * and "The Solent N.H.S. Trust" are one provider.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(/\blimited\b/g, 'ltd');
}

/** True when an interest held from `fromOn` to `toOn` (open-ended when null) is held on `on`. */
export const isCurrentOn = (e: { fromOn: IsoDate; toOn: IsoDate | null }, on: IsoDate): boolean =>
  e.fromOn <= on && (e.toOn === null || e.toOn >= on);

export interface RegisteredInterest {
  id: number;
  membershipId: number;
  regime: InterestRegime;
  category: string;
  description: string;
  counterparty: string;
  fromOn: IsoDate;
  toOn: IsoDate | null;
  sensitive: boolean;
  status: ReviewStatus;
}

export interface BoardMember {
  membershipId: number;
  name: string;
  termFrom: IsoDate;
  termTo: IsoDate | null;
}

export interface ItemWithProviders {
  itemId: number;
  number: number;
  title: string;
  providers: readonly string[];
}

export interface LikelyConflict {
  itemId: number;
  itemNumber: number;
  itemTitle: string;
  provider: string;
  membershipId: number;
  memberName: string;
  interestId: number;
  category: string;
  categoryLabel: string;
  description: string;
  counterparty: string;
  sensitive: boolean;
  /** A draft entry is flagged too: the member has declared it even if the register is not yet reviewed. */
  reviewed: boolean;
  disclosablePecuniary: boolean;
}

/**
 * The likely conflicts at a meeting on `on`: each item naming a provider that a member serving on that day holds
 * a current interest in, matched by normalised name (DOMAIN.md §6: "flag a likely conflict when an item names a
 * provider that a member has registered an interest in"). Ordered by item, then member, then interest.
 */
export function likelyConflicts(
  items: readonly ItemWithProviders[],
  members: readonly BoardMember[],
  interests: readonly RegisteredInterest[],
  on: IsoDate,
): LikelyConflict[] {
  const serving = new Map(members.filter((m) => serves(m, on)).map((m) => [m.membershipId, m]));
  const current = interests.filter(
    (i) => serving.has(i.membershipId) && i.counterparty.trim() !== '' && isCurrentOn(i, on),
  );
  const flags: LikelyConflict[] = [];
  for (const item of [...items].sort((a, b) => a.number - b.number)) {
    for (const provider of item.providers) {
      const key = normaliseName(provider);
      if (key === '') continue;
      for (const i of current) {
        if (normaliseName(i.counterparty) !== key) continue;
        const member = serving.get(i.membershipId);
        if (!member) continue;
        flags.push({
          itemId: item.itemId,
          itemNumber: item.number,
          itemTitle: item.title,
          provider,
          membershipId: member.membershipId,
          memberName: member.name,
          interestId: i.id,
          category: i.category,
          categoryLabel: categoryOf(i.regime, i.category)?.label ?? i.category,
          description: i.description,
          counterparty: i.counterparty,
          sensitive: i.sensitive,
          reviewed: i.status === 'reviewed',
          disclosablePecuniary: isDisclosablePecuniary(i.regime, i.category),
        });
      }
    }
  }
  return flags.sort(
    (a, b) =>
      a.itemNumber - b.itemNumber || a.memberName.localeCompare(b.memberName) || a.interestId - b.interestId,
  );
}

/** What the public register shows of one entry: its details, or only that a sensitive interest is withheld. */
export type PublicInterest =
  | { kind: 'withheld'; membershipId: number }
  | {
      kind: 'shown';
      membershipId: number;
      categoryLabel: string;
      disclosablePecuniary: boolean;
      description: string;
      counterparty: string;
      fromOn: IsoDate;
      toOn: IsoDate | null;
    };

/**
 * The entries of the public register on `today`: reviewed and current only. A sensitive interest shows nothing
 * but the fact that one is withheld (Localism Act 2011 s32(2); the NHS guidance likewise lets an interest stay off
 * the published register where publishing it could cause substantial damage or distress). Nothing of a draft, an
 * ended interest or a sensitive one's details passes this function.
 */
export function publicInterests(entries: readonly RegisteredInterest[], today: IsoDate): PublicInterest[] {
  return entries
    .filter((e) => e.status === 'reviewed' && isCurrentOn(e, today))
    .map((e): PublicInterest =>
      e.sensitive
        ? { kind: 'withheld', membershipId: e.membershipId }
        : {
            kind: 'shown',
            membershipId: e.membershipId,
            categoryLabel: categoryOf(e.regime, e.category)?.label ?? e.category,
            disclosablePecuniary: isDisclosablePecuniary(e.regime, e.category),
            description: e.description,
            counterparty: e.counterparty,
            fromOn: e.fromOn,
            toOn: e.toOn,
          },
    );
}

// Validation ------------------------------------------------------------------------------------------------------

export interface InterestInput {
  membershipId: number;
  category: string;
  description: string;
  counterparty: string;
  fromOn: IsoDate;
  toOn: IsoDate | null;
  sensitive: boolean;
}

/** Problems keyed by field with an entry under `regime`: its category must be one of that regime's. */
export function validateInterest(i: InterestInput, regime: InterestRegime | null): Record<string, string> {
  const problems: Record<string, string> = {};
  if (regime === null)
    problems.membershipId =
      'The member’s nominating organisation is neither a council nor an NHS body, so no register applies';
  else if (!categoryOf(regime, i.category))
    problems.category = `Select a category of ${INTEREST_REGIMES[regime].label.toLowerCase()}`;
  if (i.toOn !== null && i.toOn < i.fromOn)
    problems.toOn = 'The date it ended must be on or after the date it began';
  return problems;
}
