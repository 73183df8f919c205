/**
 * The service scope: a catalogue of the services a partnership may commission together, each with the body whose
 * function it is and (for NHS services) the class of NHS function it exercises, and the rule of the partnership
 * arrangements regulations on what may not be pooled (DOMAIN.md §3). Pure data and rules, no I/O.
 */

/** The classes of NHS function a service exercises; the excluded ones are listed in EXCLUDED_NHS_FUNCTIONS. */
export const NHS_FUNCTION_CLASSES = {
  community_health: 'Community health services',
  palliative_care: 'Palliative and end of life care',
  rehabilitation: 'Rehabilitation and intermediate care',
  discharge_support: 'Hospital discharge and transfer of care',
  prevention: 'Prevention and health improvement',
  continuing_care: 'Continuing and complex health care',
  mental_health: 'Mental health services',
  primary_care_development: 'Primary care development and enhanced services',
  specialised_commissioning: 'Specialised services commissioning',
  surgery: 'Surgery',
  radiotherapy: 'Radiotherapy',
  termination_of_pregnancy: 'Termination of pregnancies',
  endoscopy: 'Endoscopy',
  class_4_laser: 'Class 4 laser treatments',
  invasive_treatment: 'Other invasive treatments',
  emergency_ambulance: 'Emergency ambulance services',
  primary_care_contractor: 'NHS primary care contractor services (GP, dental, ophthalmic, pharmaceutical)',
} as const;
export type NhsFunctionClass = keyof typeof NHS_FUNCTION_CLASSES;

export interface Exclusion {
  functionClass: NhsFunctionClass;
  /** What the regulation excludes, in its words. */
  text: string;
  source: string;
  /** When the exclusion took effect. */
  inForceFrom: string;
  /** Exclusions that a partnership may switch off once its lawyers have confirmed the text (DOMAIN.md §3). */
  switchable: boolean;
  note: string;
}

const PARTNERSHIP_REGULATIONS = 'SI 2000/617 reg 3 (as amended); SI 2000/618 reg 2(2)';
const IN_FORCE = '2000-04-01';
const UNDER_REVIEW = 'The regulations are under review (DHSC review of section 75, 2024): this list is data.';

/**
 * The NHS functions that may not be placed in a pooled fund or under s75 arrangements: the NHS Bodies and Local
 * Authorities Partnership Arrangements Regulations 2000 (SI 2000/617) reg 3 as amended, repeated in SI 2000/618
 * reg 2(2). Recorded on 23 November 2026 from DOMAIN.md §3.
 */
export const EXCLUDED_NHS_FUNCTIONS: readonly Exclusion[] = [
  ['surgery', 'surgery'],
  ['radiotherapy', 'radiotherapy'],
  ['termination_of_pregnancy', 'termination of pregnancies'],
  ['endoscopy', 'endoscopy'],
  ['class_4_laser', 'the use of Class 4 laser treatments'],
  ['invasive_treatment', 'other invasive treatments'],
  ['emergency_ambulance', 'emergency ambulance services'],
].map(([functionClass, text]) => ({
  functionClass: functionClass as NhsFunctionClass,
  text: text ?? '',
  source: PARTNERSHIP_REGULATIONS,
  inForceFrom: IN_FORCE,
  switchable: false,
  note: UNDER_REVIEW,
}));

/** Kept apart and switchable: the revised text is still to be confirmed (DOMAIN.md §3). */
export const PRIMARY_CARE_CONTRACTOR_EXCLUSION: Exclusion = {
  functionClass: 'primary_care_contractor',
  text: 'NHS primary care contractor services (general medical, dental, ophthalmic and pharmaceutical services)',
  source: PARTNERSHIP_REGULATIONS,
  inForceFrom: IN_FORCE,
  switchable: true,
  note: 'They sit outside "NHS functions" for these arrangements. To be confirmed against the revised text; a partnership may switch this exclusion off.',
};

/** Whose statutory function a service is: the NHS commissioner's, the council's, or both (a joint service). */
export type Responsibility = 'nhs' | 'local_authority' | 'both';

export interface Service {
  key: string;
  name: string;
  description: string;
  responsibility: Responsibility;
  /** The class of NHS function exercised; null for a council-only service. */
  nhsFunctionClass: NhsFunctionClass | null;
}

const svc = (
  key: string,
  name: string,
  responsibility: Responsibility,
  nhsFunctionClass: NhsFunctionClass | null,
  description: string,
): Service => ({ key, name, responsibility, nhsFunctionClass, description });

/** The catalogue of services, in the order the pages list them. */
export const SERVICES: readonly Service[] = [
  svc('community-nursing', 'Community nursing', 'nhs', 'community_health', 'District and community nursing'),
  svc('podiatry', 'Podiatry', 'nhs', 'community_health', 'Community podiatry and foot care'),
  svc('palliative-care', 'Palliative care', 'nhs', 'palliative_care', 'Palliative and end of life care'),
  svc('rehabilitation', 'Rehabilitation', 'nhs', 'rehabilitation', 'Community rehabilitation and therapy'),
  svc('reablement', 'Reablement', 'both', 'rehabilitation', 'Short-term help to regain independence at home'),
  svc(
    'hospital-discharge',
    'Hospital discharge',
    'both',
    'discharge_support',
    'Discharge to assess and transfer of care',
  ),
  svc(
    'prevention-early-intervention',
    'Prevention and early intervention',
    'both',
    'prevention',
    'Services that delay or prevent the need for care',
  ),
  svc(
    'children-complex-health-needs',
    'Children with complex health needs',
    'both',
    'continuing_care',
    'Continuing care and packages for children with complex needs',
  ),
  svc('mental-health', 'Mental health', 'both', 'mental_health', 'Community mental health services'),
  svc('public-health', 'Public health', 'local_authority', null, 'The council’s public health functions'),
  svc('adult-social-care', 'Adult social care', 'local_authority', null, 'Care and support for adults'),
  svc(
    'childrens-social-care',
    'Children’s social care',
    'local_authority',
    null,
    'Social care for children and families',
  ),
  svc(
    'primary-care',
    'Primary care',
    'nhs',
    'primary_care_development',
    'Primary care development and enhanced services beyond the contractor contracts',
  ),
  svc(
    'specialised-services',
    'Specialised services',
    'nhs',
    'specialised_commissioning',
    'Specialised services delegated by NHS England; any surgery or other excluded treatment in them must be listed as its own service',
  ),
  svc('surgery', 'Surgery', 'nhs', 'surgery', 'Surgical procedures'),
  svc('radiotherapy', 'Radiotherapy', 'nhs', 'radiotherapy', 'Radiotherapy treatment, such as for cancer'),
  svc(
    'termination-of-pregnancy',
    'Termination of pregnancy',
    'nhs',
    'termination_of_pregnancy',
    'Abortion services',
  ),
  svc('endoscopy', 'Endoscopy', 'nhs', 'endoscopy', 'Diagnostic and therapeutic endoscopy'),
  svc('class-4-laser', 'Class 4 laser treatments', 'nhs', 'class_4_laser', 'Treatments using Class 4 lasers'),
  svc(
    'other-invasive-treatments',
    'Other invasive treatments',
    'nhs',
    'invasive_treatment',
    'Interventional procedures',
  ),
  svc(
    'emergency-ambulance',
    'Emergency ambulance services',
    'nhs',
    'emergency_ambulance',
    '999 ambulance response and conveyance',
  ),
  svc(
    'primary-care-contractor-services',
    'NHS primary care contractor services',
    'nhs',
    'primary_care_contractor',
    'General practice, dental, ophthalmic and pharmaceutical contracts',
  ),
];

const BY_KEY = new Map(SERVICES.map((s) => [s.key, s]));

/** The service with this key, or undefined. */
export const serviceByKey = (key: string): Service | undefined => BY_KEY.get(key);

/** The ways partners can arrange a service (SI 2000/617 regs 7 to 9; DOMAIN.md §4). */
export const SCOPE_ARRANGEMENTS = {
  pooled_fund: { label: 'Pooled fund (s75, reg 7)', underS75: true },
  lead_commissioning_s75: { label: 'Lead commissioning under s75 (regs 8 and 9)', underS75: true },
  aligned_budget: { label: 'Aligned budget', underS75: false },
  lead_commissioning_outside_s75: { label: 'Lead commissioning by one partner outside s75', underS75: false },
} as const;
export type ScopeArrangement = keyof typeof SCOPE_ARRANGEMENTS;

export interface ScopeOptions {
  /** Whether primary care contractor services count as excluded (the switchable entry); true by default. */
  excludePrimaryCareContractorServices?: boolean;
}

export type Eligibility =
  | { kind: 'eligible'; arrangement: ScopeArrangement }
  | {
      kind: 'refused';
      arrangement: ScopeArrangement;
      exclusion: Exclusion;
      /** A sentence a user can act on: what is refused, why, under which regulation, and what to do instead. */
      reason: string;
      regulation: string;
      alternatives: ScopeArrangement[];
    };

/** The exclusion that applies to a service's NHS function, if any. */
export function exclusionFor(service: Service, options: ScopeOptions = {}): Exclusion | undefined {
  const cls = service.nhsFunctionClass;
  if (cls === null) return undefined;
  if (cls === 'primary_care_contractor')
    return (options.excludePrimaryCareContractorServices ?? true)
      ? PRIMARY_CARE_CONTRACTOR_EXCLUSION
      : undefined;
  return EXCLUDED_NHS_FUNCTIONS.find((e) => e.functionClass === cls);
}

/**
 * Whether a service may be arranged in this way. An excluded NHS function may not be placed in a pooled fund or
 * under s75 arrangements (SI 2000/617 reg 3 as amended; SI 2000/618 reg 2(2)); it may still be commissioned by
 * one partner outside s75, or kept in an aligned budget, which are offered as the alternatives.
 */
export function eligibilityFor(
  service: Service,
  arrangement: ScopeArrangement,
  options: ScopeOptions = {},
): Eligibility {
  const exclusion = exclusionFor(service, options);
  if (!exclusion || !SCOPE_ARRANGEMENTS[arrangement].underS75) return { kind: 'eligible', arrangement };
  const alternatives: ScopeArrangement[] = ['lead_commissioning_outside_s75', 'aligned_budget'];
  const where =
    arrangement === 'pooled_fund' ? 'placed in a pooled fund' : 'commissioned under s75 arrangements';
  return {
    kind: 'refused',
    arrangement,
    exclusion,
    regulation: exclusion.source,
    alternatives,
    reason:
      `${service.name} cannot be ${where}: the partnership arrangements regulations (${exclusion.source}) exclude ` +
      `${exclusion.text} from partnership arrangements. Commission it by one partner outside s75 (lead ` +
      `commissioning) or keep it in an aligned budget.`,
  };
}
