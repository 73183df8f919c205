/**
 * The Southampton pool's monitoring through 2017-18: manual forecasts with commentary where a finance officer
 * would know better than the run rate, and each month's report published to the board, so that the demo shows
 * "movement since last report" for every month of the year. Illustrative, like the postings it reports on.
 */
import { transaction, type Db } from '../db/connection.js';
import type { Actor } from '../audit/store.js';
import { pence } from '../kernel/money.js';
import { partnersOf } from '../partnerships/store.js';
import { recordForecast } from '../ledger/forecastStore.js';
import { publishReport } from '../ledger/monitoringPublication.js';
import { listFunds, listSchemes } from '../ledger/store.js';

const actor: Actor = { userId: null, label: 'Fran Finance (demo)' };

/** Forecasts as a share of the scheme's budget in basis points, made at a period, with why. */
const FORECASTS: { code: string; period: number; outturnBp: number; commentary: string }[] = [
  {
    code: 'SC04',
    period: 5,
    outturnBp: 10_450,
    commentary: 'Discharge to assess beds running above plan since June; a winter peak is expected on top.',
  },
  {
    code: 'SC04',
    period: 8,
    outturnBp: 10_600,
    commentary:
      'Winter pressures arrived early: twelve extra discharge to assess beds from November to March.',
  },
  {
    code: 'SC07',
    period: 6,
    outturnBp: 8_300,
    commentary:
      'Adaptations delayed by contractor capacity; about a sixth of the year’s grant will carry forward.',
  },
  {
    code: 'SC03',
    period: 9,
    outturnBp: 10_300,
    commentary:
      'Reablement hours up after the hospital’s winter discharge drive; partly offset by vacancies.',
  },
];

/** Records the demo forecasts and publishes the P1 to P11 reports of the Southampton pool. */
export async function loadMonitoringDemo(db: Db, partnershipId: number): Promise<void> {
  const fund = (await listFunds(db, partnershipId)).find(
    (f) => f.financial_year === 2017 && f.kind === 'pooled',
  );
  if (!fund) return;
  const schemes = await listSchemes(db, partnershipId, fund.id);
  const partnerNames = Object.fromEntries(
    (await partnersOf(db, partnershipId)).map((p) => [String(p.id), p.short_name ?? p.name]),
  );
  await transaction(db, async (trx) => {
    for (const f of FORECASTS) {
      const scheme = schemes.find((s) => s.code === f.code);
      if (!scheme) continue;
      const budget = scheme.budgets.reduce((a, b) => a + BigInt(b.amountPence), 0n);
      await recordForecast(trx, actor, partnershipId, fund.id, {
        schemeId: scheme.id,
        organisationId: null,
        period: f.period,
        outturnPence: pence((budget * BigInt(f.outturnBp) + 5_000n) / 10_000n),
        commentary: f.commentary,
      });
    }
  });
  for (let period = 1; period <= 11; period += 1) {
    const outcome = await publishReport({
      db,
      actor,
      partnershipId,
      fund,
      period,
      method: 'profile',
      partnerNames,
    });
    if (!outcome.ok) throw new Error(`Demo monitoring report P${period}: ${outcome.problem}`);
  }
}
