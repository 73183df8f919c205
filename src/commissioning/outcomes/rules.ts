/**
 * Outcome measures: the rules, with no I/O. A measure is defined as DOMAIN.md §9 lists: version, numerator,
 * denominator, multiplier, standardisation, reporting period (frequency), data source and polarity. Its value for
 * a period is numerator / denominator × multiplier when it has a denominator, the count otherwise, or the rate as
 * published for a standardised measure (a directly age-standardised rate is not one division).
 *
 * Periods are written one way per frequency (shown on the import page):
 * - monthly: `2016-04` (calendar year and month);
 * - quarterly: `2016-17 Q1` (financial year and quarter; Q1 is April to June, Q4 January to March);
 * - annual: `2016-17` (financial year, April to March).
 */

export const FREQUENCIES = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' } as const;
export type Frequency = keyof typeof FREQUENCIES;

export const PERIOD_FORMATS: Record<Frequency, string> = {
  monthly: 'YYYY-MM, for example 2016-04 (April 2016)',
  quarterly: 'YYYY-YY Qn, financial year and quarter, for example 2016-17 Q1 (April to June 2016)',
  annual: 'YYYY-YY, financial year, for example 2016-17 (April 2016 to March 2017)',
};

export const POLARITIES = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
} as const;
export type Polarity = keyof typeof POLARITIES;

export const STANDARDISATIONS = {
  crude: 'Crude',
  directly_age_standardised: 'Directly age-standardised',
  indirectly_standardised: 'Indirectly standardised',
} as const;
export type Standardisation = keyof typeof STANDARDISATIONS;

export const SOURCES = {
  salt_cld: 'SALT / Client Level Data (adult social care returns)',
  hes: 'Hospital Episode Statistics (HES)',
  ons: 'Office for National Statistics (ONS)',
  sus: 'Secondary Uses Service (SUS)',
  nhse: 'NHS England statistical return',
  local: 'Local data',
} as const;
export type MeasureSource = keyof typeof SOURCES;

export const MULTIPLIERS = [1, 100, 1000, 100000] as const;
export type Multiplier = (typeof MULTIPLIERS)[number];
export const multiplierLabel = (m: Multiplier): string =>
  m === 1 ? '× 1' : `× ${m.toLocaleString('en-GB')}`;

export interface MeasureDefinition {
  code: string;
  name: string;
  version: string;
  numeratorDescription: string;
  /** Empty when the measure is a count. */
  denominatorDescription: string;
  multiplier: Multiplier;
  standardisation: Standardisation;
  unit: string;
  polarity: Polarity;
  source: MeasureSource;
  frequency: Frequency;
  /** Decimal places the value is shown to. */
  decimals: number;
}

export const hasDenominator = (m: Pick<MeasureDefinition, 'denominatorDescription'>): boolean =>
  m.denominatorDescription.trim() !== '';
/** A standardised rate cannot be worked out from one numerator and denominator: it is imported as published. */
export const needsPublishedValue = (m: Pick<MeasureDefinition, 'standardisation'>): boolean =>
  m.standardisation !== 'crude';

/**
 * The catalogue (DOMAIN.md §9). Descriptions are summaries of the national definitions; a partnership checks the
 * current technical guidance for the year before it reports.
 */
export const MEASURE_CATALOGUE: readonly MeasureDefinition[] = [
  {
    code: 'BCF-NEA-2015',
    name: 'Non-elective admissions (general and acute)',
    version: 'Better Care Fund 2015-17',
    numeratorDescription: 'Non-elective admissions to general and acute hospital beds of residents, all ages',
    denominatorDescription: '',
    multiplier: 1,
    standardisation: 'crude',
    unit: 'admissions',
    polarity: 'lower_is_better',
    source: 'sus',
    frequency: 'quarterly',
    decimals: 0,
  },
  {
    code: 'BCF-DTOC-2015',
    name: 'Delayed transfers of care (delayed days) from hospital per 100,000 population 18+',
    version: 'Better Care Fund 2015-17',
    numeratorDescription: 'Days of delayed transfer of care of residents aged 18 and over in the month',
    denominatorDescription: 'Resident population aged 18 and over (ONS mid-year estimate)',
    multiplier: 100000,
    standardisation: 'crude',
    unit: 'delayed days per 100,000 population 18+',
    polarity: 'lower_is_better',
    source: 'nhse',
    frequency: 'monthly',
    decimals: 1,
  },
  {
    code: 'BCF-PERM-2015',
    name: 'Permanent admissions of older people (65+) to residential and nursing care homes per 100,000',
    version: 'Better Care Fund 2015-17 (ASCOF 2A(2))',
    numeratorDescription:
      'Council-supported permanent admissions of people aged 65 and over to residential and nursing care',
    denominatorDescription: 'Resident population aged 65 and over (ONS mid-year estimate)',
    multiplier: 100000,
    standardisation: 'crude',
    unit: 'admissions per 100,000 population 65+',
    polarity: 'lower_is_better',
    source: 'salt_cld',
    frequency: 'annual',
    decimals: 1,
  },
  {
    code: 'BCF-REAB-2015',
    name: 'Older people (65+) still at home 91 days after discharge from hospital into reablement',
    version: 'Better Care Fund 2015-17 (ASCOF 2B(1))',
    numeratorDescription:
      'People aged 65 and over discharged into reablement or rehabilitation who were at home 91 days later',
    denominatorDescription:
      'People aged 65 and over discharged from hospital into reablement or rehabilitation',
    multiplier: 100,
    standardisation: 'crude',
    unit: '%',
    polarity: 'higher_is_better',
    source: 'salt_cld',
    frequency: 'annual',
    decimals: 1,
  },
  {
    code: 'BCF-AVOID-2022',
    name: 'Unplanned hospitalisation for chronic ambulatory care sensitive conditions (avoidable admissions)',
    version: 'Better Care Fund 2022-23',
    numeratorDescription:
      'Emergency admissions of residents for chronic ambulatory care sensitive conditions',
    denominatorDescription: 'Resident population (ONS mid-year estimate)',
    multiplier: 100000,
    standardisation: 'indirectly_standardised',
    unit: 'admissions per 100,000 population (standardised)',
    polarity: 'lower_is_better',
    source: 'hes',
    frequency: 'quarterly',
    decimals: 1,
  },
  {
    code: 'BCF-DISCH-2022',
    name: 'Discharge to usual place of residence',
    version: 'Better Care Fund 2022-23',
    numeratorDescription: 'Residents discharged from acute hospital to their usual place of residence',
    denominatorDescription: 'Residents discharged from acute hospital',
    multiplier: 100,
    standardisation: 'crude',
    unit: '%',
    polarity: 'higher_is_better',
    source: 'sus',
    frequency: 'quarterly',
    decimals: 1,
  },
  {
    code: 'BCF-PERM-2022',
    name: 'Permanent admissions to residential and nursing care homes, people 65+, per 100,000',
    version: 'Better Care Fund 2022-23',
    numeratorDescription:
      'Council-supported permanent admissions of people aged 65 and over to residential and nursing care',
    denominatorDescription: 'Resident population aged 65 and over (ONS mid-year estimate)',
    multiplier: 100000,
    standardisation: 'crude',
    unit: 'admissions per 100,000 population 65+',
    polarity: 'lower_is_better',
    source: 'salt_cld',
    frequency: 'annual',
    decimals: 1,
  },
  {
    code: 'BCF-REAB-2022',
    name: 'Older people still at home 91 days after discharge into reablement',
    version: 'Better Care Fund 2022-23',
    numeratorDescription:
      'People aged 65 and over discharged into reablement or rehabilitation who were at home 91 days later',
    denominatorDescription:
      'People aged 65 and over discharged from hospital into reablement or rehabilitation',
    multiplier: 100,
    standardisation: 'crude',
    unit: '%',
    polarity: 'higher_is_better',
    source: 'salt_cld',
    frequency: 'annual',
    decimals: 1,
  },
  {
    code: 'BCF-FALLS-2023',
    name: 'Emergency hospital admissions due to falls, people 65+, per 100,000',
    version: 'Better Care Fund 2023-25',
    numeratorDescription: 'Emergency admissions of residents aged 65 and over due to falls',
    denominatorDescription: 'Resident population aged 65 and over (ONS mid-year estimate)',
    multiplier: 100000,
    standardisation: 'directly_age_standardised',
    unit: 'admissions per 100,000 population 65+ (age-standardised)',
    polarity: 'lower_is_better',
    source: 'hes',
    frequency: 'annual',
    decimals: 1,
  },
  {
    code: 'BCF-UNPL-2025',
    name: 'Emergency admissions of people 65+ per 100,000 (local goal)',
    version: 'Better Care Fund 2025-26',
    numeratorDescription: 'Emergency admissions of residents aged 65 and over',
    denominatorDescription: 'Resident population aged 65 and over (ONS mid-year estimate)',
    multiplier: 100000,
    standardisation: 'crude',
    unit: 'admissions per 100,000 population 65+',
    polarity: 'lower_is_better',
    source: 'sus',
    frequency: 'monthly',
    decimals: 1,
  },
  {
    code: 'BCF-DELAY-2025',
    name: 'Average length of discharge delay (local goal)',
    version: 'Better Care Fund 2025-26',
    numeratorDescription:
      'Days between the discharge-ready date and discharge, summed over delayed discharges',
    denominatorDescription: 'Discharges of residents after a delay',
    multiplier: 1,
    standardisation: 'crude',
    unit: 'days',
    polarity: 'lower_is_better',
    source: 'sus',
    frequency: 'monthly',
    decimals: 1,
  },
  {
    code: 'ASCOF-2C',
    name: 'Long-term needs of older people (65+) met by admission to residential and nursing care, per 100,000',
    version: 'ASCOF 2023-24 onwards (was 2A(2))',
    numeratorDescription:
      'Council-supported people aged 65 and over whose long-term support needs were met by admission to residential or nursing care in the year',
    denominatorDescription: 'Resident population aged 65 and over (ONS mid-year estimate)',
    multiplier: 100000,
    standardisation: 'crude',
    unit: 'admissions per 100,000 population 65+',
    polarity: 'lower_is_better',
    source: 'salt_cld',
    frequency: 'annual',
    decimals: 1,
  },
  {
    code: 'ASCOF-2B1',
    name: 'Older people (65+) still at home 91 days after discharge into reablement or rehabilitation',
    version: 'ASCOF 2B(1)',
    numeratorDescription:
      'People aged 65 and over discharged from hospital into reablement or rehabilitation (1 October to 31 December) at home 91 days later',
    denominatorDescription:
      'People aged 65 and over discharged from hospital into reablement or rehabilitation, 1 October to 31 December',
    multiplier: 100,
    standardisation: 'crude',
    unit: '%',
    polarity: 'higher_is_better',
    source: 'salt_cld',
    frequency: 'annual',
    decimals: 1,
  },
  {
    code: 'PHOF-C29',
    name: 'Emergency hospital admissions due to falls in people aged 65 and over',
    version: 'PHOF C29',
    numeratorDescription: 'Emergency admissions of residents aged 65 and over due to falls',
    denominatorDescription: 'Resident population aged 65 and over (ONS mid-year estimate)',
    multiplier: 100000,
    standardisation: 'directly_age_standardised',
    unit: 'admissions per 100,000 population 65+ (age-standardised)',
    polarity: 'lower_is_better',
    source: 'hes',
    frequency: 'annual',
    decimals: 1,
  },
  {
    code: 'LOCAL-AE',
    name: 'Emergency department attendances',
    version: 'Local',
    numeratorDescription: 'Attendances of residents at type 1 and type 3 emergency departments in the month',
    denominatorDescription: '',
    multiplier: 1,
    standardisation: 'crude',
    unit: 'attendances',
    polarity: 'lower_is_better',
    source: 'sus',
    frequency: 'monthly',
    decimals: 0,
  },
  {
    code: 'LOCAL-EMADM',
    name: 'Emergency admissions',
    version: 'Local',
    numeratorDescription: 'Emergency (non-elective) admissions of residents to hospital in the month',
    denominatorDescription: '',
    multiplier: 1,
    standardisation: 'crude',
    unit: 'admissions',
    polarity: 'lower_is_better',
    source: 'sus',
    frequency: 'monthly',
    decimals: 0,
  },
];

export const catalogueEntry = (code: string): MeasureDefinition | undefined =>
  MEASURE_CATALOGUE.find((m) => m.code === code);

// ---------------------------------------------------------------------------------------------------------------
// Periods

export interface Period {
  /** The canonical text: `2016-04`, `2016-17 Q1`, `2016-17`. */
  key: string;
  /** The first day of the period, ISO. */
  start: string;
  /** The last day of the period, ISO. */
  end: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function financialYear(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  return (y + 1) % 100 === Number(m[2]) ? y : undefined;
}

/** Reads a period in the form its frequency requires; undefined when it is not one. */
export function parsePeriod(text: string, frequency: Frequency): Period | undefined {
  const t = text.trim();
  if (frequency === 'monthly') {
    const m = /^(\d{4})-(\d{2})$/.exec(t);
    if (!m) return undefined;
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12 || y < 1990 || y > 2100) return undefined;
    return { key: t, start: iso(y, mo, 1), end: iso(y, mo, lastDay(y, mo)) };
  }
  if (frequency === 'quarterly') {
    const m = /^(\d{4}-\d{2}) Q([1-4])$/.exec(t);
    const y = m ? financialYear(m[1] ?? '') : undefined;
    if (!m || y === undefined || y < 1990 || y > 2100) return undefined;
    const q = Number(m[2]);
    const startMonth = ((q - 1) * 3 + 3) % 12; // zero-based: April, July, October, January
    const sy = q === 4 ? y + 1 : y;
    return {
      key: t,
      start: iso(sy, startMonth + 1, 1),
      end: iso(sy, startMonth + 3, lastDay(sy, startMonth + 3)),
    };
  }
  const y = financialYear(t);
  if (y === undefined || y < 1990 || y > 2100) return undefined;
  return { key: t, start: iso(y, 4, 1), end: iso(y + 1, 3, 31) };
}

/** `April 2016`, `2016-17 Q1 (April to June 2016)`, `2016-17`. */
export function periodLabel(key: string, frequency: Frequency): string {
  const p = parsePeriod(key, frequency);
  if (!p) return key;
  const [y, m] = p.start.split('-').map(Number) as [number, number];
  if (frequency === 'monthly') return `${MONTHS[m - 1]} ${y}`;
  if (frequency === 'quarterly') {
    const [ey, em] = p.end.split('-').map(Number) as [number, number];
    return `${key} (${MONTHS[m - 1]} to ${MONTHS[em - 1]} ${ey})`;
  }
  return key;
}

/** A short label for chart axes: `Apr 2016`, `2016-17 Q1`, `2016-17`. */
export function periodShortLabel(key: string, frequency: Frequency): string {
  const p = parsePeriod(key, frequency);
  if (!p || frequency !== 'monthly') return key;
  const [y, m] = p.start.split('-').map(Number) as [number, number];
  return `${(MONTHS[m - 1] ?? '').slice(0, 3)} ${y}`;
}

/** The period of a frequency that holds a date (ISO): used to place an intervention on a chart. */
export function periodOf(date: string, frequency: Frequency): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  if (frequency === 'monthly') return `${y}-${pad(m)}`;
  const fy = m >= 4 ? y : y - 1;
  const fyKey = `${fy}-${pad((fy + 1) % 100)}`;
  if (frequency === 'annual') return fyKey;
  const q = m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4;
  return `${fyKey} Q${q}`;
}

/** The periods from one to another inclusive (both canonical keys of the frequency). */
export function periodsBetween(from: string, to: string, frequency: Frequency): string[] {
  const out: string[] = [];
  let p = parsePeriod(from, frequency);
  const last = parsePeriod(to, frequency);
  if (!p || !last) return out;
  while (p && p.start <= last.start && out.length < 1200) {
    out.push(p.key);
    const [ey, em] = p.end.split('-').map(Number) as [number, number];
    const ny = em === 12 ? ey + 1 : ey;
    const nm = em === 12 ? 1 : em + 1;
    p = parsePeriod(periodOf(iso(ny, nm, 1), frequency), frequency);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** A non-negative decimal as written in a CSV or form: digits, optional point, no thousands separators. */
export const DECIMAL = /^\d+(\.\d+)?$/;
/** A decimal that may be negative (a target of change can be). */
export const SIGNED_DECIMAL = /^-?\d+(\.\d+)?$/;

export interface ValueFigures {
  numerator: string;
  denominator: string | null;
  publishedValue: string | null;
}

/**
 * The value of a period in the measure's unit: published value when there is one; else numerator / denominator ×
 * multiplier; else the count. A float, for charts and statistics; shown through formatValue, rounded.
 */
export function measureValue(m: Pick<MeasureDefinition, 'multiplier'>, f: ValueFigures): number {
  if (f.publishedValue !== null) return Number(f.publishedValue);
  if (f.denominator === null) return Number(f.numerator);
  return (Number(f.numerator) / Number(f.denominator)) * m.multiplier;
}

/** A value rounded to the measure's decimals, with thousands separators: `7,412`, `63.4`. */
export function formatValue(value: number, decimals: number): string {
  return value.toLocaleString('en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** Plain rounding to the measure's decimals for CSV and tables read by machines: `63.4`. */
export const roundValue = (value: number, decimals: number): string => value.toFixed(decimals);

export type TrackStatus = 'on-track' | 'off-track' | 'no-target' | 'no-value';
export const TRACK_LABELS: Record<TrackStatus, string> = {
  'on-track': 'On track',
  'off-track': 'Off track',
  'no-target': 'No target',
  'no-value': 'No value yet',
};

/**
 * On track when the latest value is at or better than the target for the same period, by the measure's polarity.
 * Both are compared after rounding to the measure's decimals, so that a value shown equal to its target is on it.
 */
export function trackStatus(
  m: Pick<MeasureDefinition, 'polarity' | 'decimals'>,
  value: number | undefined,
  target: number | undefined,
): TrackStatus {
  if (value === undefined) return 'no-value';
  if (target === undefined) return 'no-target';
  const v = Number(value.toFixed(m.decimals));
  const t = Number(target.toFixed(m.decimals));
  return (m.polarity === 'higher_is_better' ? v >= t : v <= t) ? 'on-track' : 'off-track';
}
