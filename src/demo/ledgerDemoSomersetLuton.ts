/**
 * The demo's other funds, and contributions in the journal. Somerset (2018-19, three partners): a pooled fund
 * hosted by the county council, and beside it an aligned budget for the services the CCG lead-commissions
 * because they cannot be pooled (surgery, radiotherapy, termination of pregnancy, endoscopy: SI 2000/617 reg 7,
 * DOMAIN.md §3) and for primary care with NHS England. Luton (2018-19): a small first-year pool for prevention
 * and early intervention. Each gets a quarter of monthly imports through the real import path, its contribution
 * instalments and first receipts; Southampton's pool gets its instalments and receipts for the year. Scheme
 * splits and every figure the seeds do not give are illustrative.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { apportionByWeights, pence, toDecimalString } from '../kernel/money.js';
import type { IsoDate } from '../kernel/dates.js';
import { getPartnershipBySlug, partnersOf } from '../partnerships/index.js';
import { addContribution, contributionsOf, createFund, listFunds } from '../ledger/funds/index.js';
import { createScheme } from '../ledger/funds/index.js';
import { importGeneralLedger } from '../ledger/import/index.js';
import { closePeriod } from '../ledger/journal/index.js';
import {
  firstDayOfPeriod,
  INSTALMENT_PERIODS,
  raiseContributionInstalments,
  recordContributionReceipt,
} from '../ledger/journal/index.js';
import {
  LUTON_POOL,
  m,
  PROFILE,
  SOMERSET_ALIGNED,
  SOMERSET_POOL,
  type DemoFund,
} from './ledgerDemoSomersetLutonData.js';

const actor = systemActor('demo loader');
const monthDate = (year: number, period: number, day: number) =>
  `${firstDayOfPeriod(year, period).slice(0, 8)}${String(day).padStart(2, '0')}`;

/** Creates a fund with its schemes and contributions (each partner's scheme budgets summed by stream). */
async function createDemoFund(db: Db, pid: number, year: number, f: DemoFund, orgs: Record<string, number>) {
  const org = (key: string) => orgs[key] ?? 0;
  return transaction(db, async (trx) => {
    const fundId = await createFund(
      trx,
      actor,
      pid,
      {
        financialYear: year,
        name: f.name,
        kind: f.kind,
        hostOrganisationId: f.host ? org(f.host) : null,
        pooledFundManager: f.manager,
        betterCareFund: f.betterCareFund,
        illustrative: true,
      },
      Object.values(orgs),
    );
    const totals = new Map<string, number>();
    for (const s of f.schemes) {
      for (const [p, stream, pounds] of s.budget)
        totals.set(`${p}|${stream}`, (totals.get(`${p}|${stream}`) ?? 0) + pounds);
      await createScheme(trx, actor, pid, fundId, {
        code: s.code,
        name: s.name,
        description: '',
        schemeType: s.type,
        areaOfSpend: s.area,
        commissioner: s.commissioner,
        commissionerOrganisationId:
          s.commissioner === 'joint'
            ? null
            : org(s.commissioner === 'la' ? 'council' : (s.budget[0]?.[0] ?? 'ccg')),
        provider: s.provider,
        service: s.service,
        budgets: s.budget.map(([p, stream, pounds]) => ({
          organisationId: org(p),
          stream,
          amountPence: m(pounds),
        })),
        profile: PROFILE,
        costCentres: [...new Set(s.budget.map(([p]) => p))].map((p) => ({
          organisationId: org(p),
          costCentre: `${f.prefixes[p] ?? p}-${s.code}`,
        })),
      });
    }
    for (const [key, pounds] of [...totals].sort()) {
      const [p, stream] = key.split('|') as [string, string];
      await addContribution(trx, actor, pid, fundId, {
        organisationId: org(p),
        stream,
        amountPence: m(pounds),
        kind: 'agreed',
        decisionReference: null,
        effectiveOn: `${year}-04-01`,
      });
    }
    return fundId;
  });
}

/** One partner's general-ledger extract for a month: three invoices per scheme it funds, on the profile. */
function extract(f: DemoFund, partner: string, year: number, period: number, extraRows: string[] = []) {
  const lines = ['cost_centre,account_code,date,amount,description,supplier,reference'];
  const prefix = f.prefixes[partner] ?? partner;
  let n = 0;
  for (const s of f.schemes) {
    const pounds = s.budget.filter(([p]) => p === partner).reduce((a, [, , x]) => a + x, 0);
    if (pounds === 0) continue;
    const month =
      apportionByWeights(pence(Math.round((pounds * 100 * s.outturnBp) / 10_000)), PROFILE)[period - 1] ?? 0;
    apportionByWeights(month, [45, 35, 20]).forEach((amount, i) => {
      n += 1;
      lines.push(
        `${prefix}-${s.code},5${i}00,${monthDate(year, period, 9 + i)},${toDecimalString(amount)},"${s.name.replace(/"/g, '')}, invoice ${i + 1}",${s.provider.replace(/[,;]/g, '')},${prefix}-${year}-P${period}-${String(n).padStart(4, '0')}`,
      );
    });
  }
  return [...lines, ...extraRows].join('\r\n') + '\r\n';
}

async function importMonths(
  db: Db,
  pid: number,
  fundId: number,
  f: DemoFund,
  year: number,
  orgs: Record<string, number>,
) {
  for (const period of f.importPeriods)
    for (const partner of Object.keys(f.prefixes)) {
      const outcome = await importGeneralLedger({
        db,
        actor,
        partnershipId: pid,
        fundId,
        organisationId: orgs[partner] ?? 0,
        filename: `${(f.prefixes[partner] ?? partner).toLowerCase()}-gl-${year}-P${String(period).padStart(2, '0')}.csv`,
        content: extract(f, partner, year, period),
      });
      if (!outcome.ok) throw new Error(`Demo import failed: ${JSON.stringify(outcome.problems.slice(0, 3))}`);
    }
}

/** Raises a fund's instalments and records each partner's payment of the instalments due in `quarters`. */
async function contributionsPaid(db: Db, pid: number, fundId: number, year: number, quarters: number) {
  await transaction(db, async (trx) => {
    await raiseContributionInstalments(trx, actor, pid, fundId);
    const byPartner = new Map<number, number>();
    for (const c of await contributionsOf(trx, pid, fundId))
      byPartner.set(c.organisationId, (byPartner.get(c.organisationId) ?? 0) + c.amountPence);
    for (const [organisationId, total] of byPartner) {
      // receipts mirror the instalments (largest remainder), paid on the 20th of the month they fall due
      const parts = apportionByWeights(
        total,
        INSTALMENT_PERIODS.map(() => 1),
      );
      for (let q = 0; q < quarters; q += 1) {
        const amountPence = parts[q] ?? pence(0);
        if (amountPence <= 0) continue;
        const period = INSTALMENT_PERIODS[q] ?? 1;
        await recordContributionReceipt(trx, actor, pid, fundId, {
          organisationId,
          amountPence,
          receivedOn: monthDate(year, period, 20) as IsoDate,
          reference: `RCPT-${fundId}-${organisationId}-Q${q + 1}`,
        });
      }
    }
  });
}

export async function orgsOf(db: Db, slug: string, keys: Record<string, string>) {
  const p = await getPartnershipBySlug(db, slug);
  if (!p) throw new Error(`The demo has no partnership ${slug}`);
  const partners = await partnersOf(db, p.id);
  const orgs: Record<string, number> = {};
  for (const [key, code] of Object.entries(keys)) {
    const o = partners.find((x) => x.ods_code === code || x.gss_code === code);
    if (!o) throw new Error(`The demo partnership ${slug} has no partner ${code}`);
    orgs[key] = o.id;
  }
  return { pid: p.id, orgs };
}

/** Loads Somerset's and Luton's funds and the contributions of all three demo partnerships' pools. */
export async function loadLedgerDemoSomersetLuton(db: Db): Promise<void> {
  // Southampton's 2017-18 pool (loaded by ledgerDemo.ts): the year's four instalments, all paid
  const soton = await orgsOf(db, 'southampton', { ccg: '10X', council: 'E06000045' });
  const sotonFund = (await listFunds(db, soton.pid)).find((f) => f.kind === 'pooled');
  if (sotonFund) await contributionsPaid(db, soton.pid, sotonFund.id, 2017, 4);

  const somerset = await orgsOf(db, 'somerset', { ccg: '11X', council: 'E10000027', nhse: 'X24' });
  const poolOrgs = {
    ccg: somerset.orgs.ccg ?? 0,
    council: somerset.orgs.council ?? 0,
    nhse: somerset.orgs.nhse ?? 0,
  };
  const pool = await createDemoFund(db, somerset.pid, 2018, SOMERSET_POOL, poolOrgs);
  await contributionsPaid(db, somerset.pid, pool, 2018, 1);
  await importMonths(db, somerset.pid, pool, SOMERSET_POOL, 2018, poolOrgs);
  // P1 to P3 closed; then a late invoice dated in June arrives and lands in P4, and its entry says so
  await transaction(db, async (trx) => {
    for (const p of [1, 2, 3]) await closePeriod(trx, actor, somerset.pid, pool, p);
  });
  const late = await importGeneralLedger({
    db,
    actor,
    partnershipId: somerset.pid,
    fundId: pool,
    organisationId: poolOrgs.council,
    filename: 'sccfin-gl-2018-P03-late.csv',
    content:
      'cost_centre,account_code,date,amount,description,supplier,reference\r\nSCCFIN-SOM01,5000,2018-06-29,18450.00,"Home care, June invoice received late",Various home care providers,SCCFIN-2018-P3-LATE-0001\r\n',
  });
  if (!late.ok) throw new Error('Demo late import failed');
  const aligned = await createDemoFund(db, somerset.pid, 2018, SOMERSET_ALIGNED, poolOrgs);
  await importMonths(db, somerset.pid, aligned, SOMERSET_ALIGNED, 2018, poolOrgs);

  const luton = await orgsOf(db, 'luton', { ccg: '06P', council: 'E06000032' });
  const lutonPool = await createDemoFund(db, luton.pid, 2018, LUTON_POOL, luton.orgs);
  await contributionsPaid(db, luton.pid, lutonPool, 2018, 1);
  await importMonths(db, luton.pid, lutonPool, LUTON_POOL, 2018, luton.orgs);
}
