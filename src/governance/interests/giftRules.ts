/**
 * Gifts and hospitality offered to board members (DOMAIN.md §6): the limits above which an offer must be
 * registered under each regime, and advice when an offer was handled otherwise than the guidance says. Pure.
 */
import { formatPounds } from '../../kernel/money.js';
import type { InterestRegime } from './rules.js';

export const GIFT_KINDS = { gift: 'Gift', hospitality: 'Hospitality' } as const;
export type GiftKind = keyof typeof GIFT_KINDS;

export const GIFT_SOURCES = {
  supplier: 'A supplier or contractor (or one likely to bid)',
  patient: 'A patient, family or service user',
  other: 'Anyone else',
} as const;
export type GiftSource = keyof typeof GIFT_SOURCES;

export interface RegistrationLimit {
  /** Must be registered when the value is at least this many pence. */
  minimumPence: number;
  /** The limit in words, as its source puts it. */
  words: string;
  source: string;
}

const LGA_GIFTS = 'LGA Model Councillor Code of Conduct 2020, para 9 (the council’s code may set its own)';
const NHS_GIFTS =
  'Managing conflicts of interest in the NHS, NHS England: gifts and hospitality (DOMAIN.md §6)';

/**
 * The value at which an offer must be registered. Councillors: gifts and hospitality of an estimated value of at
 * least £50, accepted or refused. NHS: gifts from suppliers are declined unless promotional and under £6, so an
 * offer of £6 or more is declared; gifts from patients and others may be accepted up to £50; hospitality over £25
 * is recorded (DOMAIN.md §6).
 */
export function registrationLimit(
  regime: InterestRegime,
  kind: GiftKind,
  source: GiftSource,
): RegistrationLimit {
  if (regime === 'localism') return { minimumPence: 50_00, words: 'at least £50', source: LGA_GIFTS };
  if (kind === 'hospitality') return { minimumPence: 25_01, words: 'over £25', source: NHS_GIFTS };
  if (source === 'supplier')
    return { minimumPence: 6_00, words: '£6 or more (from a supplier or contractor)', source: NHS_GIFTS };
  return { minimumPence: 50_01, words: 'over £50 (from a patient or anyone else)', source: NHS_GIFTS };
}

export interface GiftOffer {
  regime: InterestRegime;
  kind: GiftKind;
  source: GiftSource;
  valuePence: number;
  accepted: boolean;
}

/** True when the offer is at or above its regime's limit and so belongs on the register. */
export const mustRegister = (g: GiftOffer): boolean =>
  g.valuePence >= registrationLimit(g.regime, g.kind, g.source).minimumPence;

/** Advice on an offer, in words, when the guidance says it should have been handled otherwise. */
export function giftAdvice(g: GiftOffer): string | null {
  if (
    g.regime === 'nhs' &&
    g.kind === 'gift' &&
    g.source === 'supplier' &&
    g.accepted &&
    g.valuePence >= 6_00
  )
    return 'NHS guidance: gifts from suppliers or contractors should be declined unless promotional and under £6.';
  if (
    g.regime === 'nhs' &&
    g.kind === 'gift' &&
    g.source !== 'supplier' &&
    g.accepted &&
    g.valuePence > 50_00
  )
    return `NHS guidance: a gift over £50 (${formatPounds(g.valuePence)}) should be accepted on behalf of the organisation, not personally.`;
  return null;
}
