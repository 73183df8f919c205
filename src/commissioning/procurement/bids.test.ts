import { describe, expect, it } from 'vitest';
import { bidMembers, shareLabel, type ProviderInput } from './bids.js';

const p = (name: string, shareBp: number | null = null): ProviderInput => ({
  name,
  companiesHouseNumber: null,
  charityNumber: null,
  shareBp,
});

describe('bid structures', () => {
  it('a single provider holds the whole bid', () => {
    const r = bidMembers('single', null, [p('Luton Wellbeing Ltd')]);
    expect(r).toEqual({
      ok: true,
      members: [
        {
          role: 'sole',
          name: 'Luton Wellbeing Ltd',
          companiesHouseNumber: null,
          charityNumber: null,
          shareBp: 10000,
        },
      ],
    });
    expect(bidMembers('single', null, [])).toEqual({
      ok: false,
      problems: ['Name the one provider that bids'],
    });
  });

  it('an alliance has two or more members whose shares add up to exactly 100%', () => {
    const ok = bidMembers('alliance', null, [p('A', 5000), p('B', 3000), p('C', 2000)]);
    expect(ok.ok && ok.members.map((m) => [m.role, m.shareBp])).toEqual([
      ['member', 5000],
      ['member', 3000],
      ['member', 2000],
    ]);
    expect(bidMembers('alliance', null, [p('A', 10000)])).toEqual({
      ok: false,
      problems: ['An alliance needs at least two members'],
    });
    expect(bidMembers('alliance', null, [p('A', 5000), p('B', 4999)])).toEqual({
      ok: false,
      problems: ['The alliance members’ shares add up to 99.99%; they must add up to exactly 100%'],
    });
    expect(bidMembers('alliance', null, [p('A', 5000), p('B', null)])).toEqual({
      ok: false,
      problems: ['Give B’s share as a percentage above 0 and up to 100'],
    });
  });

  it('a lead provider holds what its subcontractors do not, and they hold less than 100%', () => {
    const r = bidMembers('lead_with_subcontractors', p('Lead'), [p('S1', 1500), p('S2', 1000)]);
    expect(r.ok && r.members.map((m) => [m.role, m.name, m.shareBp])).toEqual([
      ['lead', 'Lead', 7500],
      ['subcontractor', 'S1', 1500],
      ['subcontractor', 'S2', 1000],
    ]);
    expect(bidMembers('lead_with_subcontractors', p('Lead'), [p('S1', 6000), p('S2', 4000)])).toEqual({
      ok: false,
      problems: [
        'The subcontractors’ shares add up to 100%; they must add up to less than 100%, the lead provider holding the rest',
      ],
    });
    expect(bidMembers('lead_with_subcontractors', null, [])).toEqual({
      ok: false,
      problems: ['Name the lead provider', 'Name at least one subcontractor, or choose a single provider'],
    });
  });

  it('refuses a provider named twice', () => {
    const r = bidMembers('alliance', null, [p('A', 5000), p('a', 5000)]);
    expect(r).toEqual({ ok: false, problems: ['A provider is named twice: a'] });
  });

  it('writes shares as percentages', () => {
    expect(shareLabel(10000)).toBe('100%');
    expect(shareLabel(3350)).toBe('33.5%');
    expect(shareLabel(1)).toBe('0.01%');
  });
});
