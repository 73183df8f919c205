import { describe, expect, it } from 'vitest';
import {
  EXCLUDED_NHS_FUNCTIONS,
  SCOPE_ARRANGEMENTS,
  SERVICES,
  eligibilityFor,
  serviceByKey,
  type ScopeArrangement,
} from './serviceScope.js';

const EXCLUDED_KEYS = [
  'surgery',
  'radiotherapy',
  'termination-of-pregnancy',
  'endoscopy',
  'class-4-laser',
  'other-invasive-treatments',
  'emergency-ambulance',
  'primary-care-contractor-services',
];
const ARRANGEMENTS = Object.keys(SCOPE_ARRANGEMENTS) as ScopeArrangement[];
const service = (key: string) => {
  const s = serviceByKey(key);
  if (!s) throw new Error(`no service ${key}`);
  return s;
};

describe('the service catalogue', () => {
  it('holds the services the Southampton demo schemes name', () => {
    for (const key of [
      'community-nursing',
      'palliative-care',
      'reablement',
      'hospital-discharge',
      'mental-health',
      'adult-social-care',
      'public-health',
    ])
      expect(serviceByKey(key), key).toBeDefined();
  });

  it('gives every NHS service the class of function it exercises, and council-only services none', () => {
    for (const s of SERVICES) {
      if (s.responsibility === 'local_authority') expect(s.nhsFunctionClass, s.key).toBeNull();
      else expect(s.nhsFunctionClass, s.key).not.toBeNull();
    }
    expect(new Set(SERVICES.map((s) => s.key)).size).toBe(SERVICES.length);
  });

  it('keeps the exclusion list as data with its source and date', () => {
    expect(EXCLUDED_NHS_FUNCTIONS.map((e) => e.functionClass)).toEqual([
      'surgery',
      'radiotherapy',
      'termination_of_pregnancy',
      'endoscopy',
      'class_4_laser',
      'invasive_treatment',
      'emergency_ambulance',
    ]);
    for (const e of EXCLUDED_NHS_FUNCTIONS) {
      expect(e.source).toBe('SI 2000/617 reg 3 (as amended); SI 2000/618 reg 2(2)');
      expect(e.inForceFrom).toBe('2000-04-01');
    }
  });
});

describe('eligibility under the partnership arrangements regulations', () => {
  for (const key of EXCLUDED_KEYS) {
    it(`refuses to pool ${key} or commission it under s75, citing the regulation and offering alternatives`, () => {
      for (const arrangement of ['pooled_fund', 'lead_commissioning_s75'] as const) {
        const e = eligibilityFor(service(key), arrangement);
        expect(e.kind).toBe('refused');
        if (e.kind !== 'refused') continue;
        expect(e.regulation).toContain('SI 2000/617 reg 3');
        expect(e.regulation).toContain('SI 2000/618 reg 2(2)');
        expect(e.reason).toContain(service(key).name);
        expect(e.reason).toContain(e.exclusion.text);
        expect(e.reason).toContain('aligned budget');
        expect(e.alternatives).toEqual(['lead_commissioning_outside_s75', 'aligned_budget']);
      }
    });
  }

  it('says why endoscopy cannot be pooled in words a commissioner can act on', () => {
    const e = eligibilityFor(service('endoscopy'), 'pooled_fund');
    expect(e.kind === 'refused' && e.reason).toBe(
      'Endoscopy cannot be placed in a pooled fund: the partnership arrangements regulations (SI 2000/617 reg 3 ' +
        '(as amended); SI 2000/618 reg 2(2)) exclude endoscopy from partnership arrangements. Commission it by ' +
        'one partner outside s75 (lead commissioning) or keep it in an aligned budget.',
    );
  });

  for (const s of SERVICES.filter((x) => !EXCLUDED_KEYS.includes(x.key))) {
    it(`accepts ${s.key} in every arrangement`, () => {
      for (const arrangement of ARRANGEMENTS) expect(eligibilityFor(s, arrangement).kind).toBe('eligible');
    });
  }

  it('accepts every excluded service in an aligned budget and in lead commissioning outside s75', () => {
    for (const key of EXCLUDED_KEYS) {
      expect(eligibilityFor(service(key), 'aligned_budget').kind).toBe('eligible');
      expect(eligibilityFor(service(key), 'lead_commissioning_outside_s75').kind).toBe('eligible');
    }
  });

  it('lets a partnership switch off the primary care contractor exclusion, and only that one', () => {
    const off = { excludePrimaryCareContractorServices: false };
    expect(eligibilityFor(service('primary-care-contractor-services'), 'pooled_fund', off).kind).toBe(
      'eligible',
    );
    expect(eligibilityFor(service('surgery'), 'pooled_fund', off).kind).toBe('refused');
  });
});
