/**
 * Southampton's outcome measures, April 2014 to March 2017. ILLUSTRATIVE throughout: the seeds give no monthly
 * activity, so the counts are made up to be plausible for a city of about 250,000 (emergency department
 * attendances about 7,000 to 8,500 a month, emergency admissions about 2,300 to 2,700), with a seasonal pattern
 * and a fall after the cluster integrated care teams start in October 2015, large enough that the run chart shows
 * a run of points below the mean. The annual measure of permanent admissions to care homes (ASCOF 2C) is also
 * illustrative. Values go through the same CSV reader as an upload.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { csvLines } from '../kernel/csv.js';
import { catalogueEntry, parsePeriod, periodsBetween } from '../commissioning/outcomes/index.js';
import { readOutcomeCsv } from '../commissioning/outcomes/index.js';
import {
  addIntervention,
  createMeasure,
  listMeasures,
  saveImportedValues,
  setTargets,
} from '../commissioning/outcomes/index.js';

const actor = systemActor('demo loader');

export const DEMO_INTERVENTION = {
  startedOn: '2015-10-01',
  label: 'Cluster integrated care teams start',
  description:
    'Integrated health and social care teams begin work in the city’s six clusters (illustrative date for the demonstration).',
};

export const DEMO_MONTHS = periodsBetween('2014-04', '2017-03', 'monthly');

/** Month-on-month wobble, the same each year's month (April first), so the series is fixed and repeatable. */
const NOISE = [40, -90, 120, -30, 70, -110, 20, 90, -60, 130, -80, 10];
const NOISE_B = [-50, 60, -20, 100, -70, 30, -120, 50, 80, -40, 110, -90];

/** Seasonal shape (April first): attendances peak in late spring and summer, admissions in winter. */
const AE_SEASON = [40, 90, 75, 100, 15, -30, 0, -60, -20, -75, -110, 45];
const ADM_SEASON = [-15, -5, -20, -10, -30, -15, 5, 15, 35, 40, 10, 5];

/** After the intervention the series falls by this much (and keeps falling gently). */
const AE_BEFORE = 8050;
const AE_STEP = 300;
const ADM_BEFORE = 2580;
const ADM_STEP = 150;

function series(base: number, step: number, slope: number, season: number[], noiseScale: number): number[] {
  const start = DEMO_MONTHS.indexOf('2015-10');
  return DEMO_MONTHS.map((_, i) => {
    const month = i % 12;
    const year = Math.floor(i / 12);
    const noise = ((year % 2 === 0 ? NOISE : NOISE_B)[month] ?? 0) * noiseScale;
    const after = i >= start ? step + (i - start) * slope : 0;
    return Math.round(base + (season[month] ?? 0) + noise - after);
  });
}

export const DEMO_AE = series(AE_BEFORE, AE_STEP, 2, AE_SEASON, 1.2);
export const DEMO_ADMISSIONS = series(ADM_BEFORE, ADM_STEP, 1, ADM_SEASON, 0.6);

/** ASCOF 2C (illustrative): admissions of people 65+ and the 65+ population. */
const PERMANENT = [
  { period: '2014-15', numerator: 262, denominator: 36100, target: 700 },
  { period: '2015-16', numerator: 244, denominator: 36800, target: 660 },
  { period: '2016-17', numerator: 226, denominator: 37500, target: 620 },
];

export async function loadOutcomesDemo(db: Db, partnershipId: number): Promise<void> {
  await transaction(db, async (trx) => {
    for (const code of ['LOCAL-AE', 'LOCAL-EMADM', 'ASCOF-2C']) {
      const def = catalogueEntry(code);
      if (!def) throw new Error(`No catalogue measure ${code}`);
      await createMeasure(trx, actor, partnershipId, { ...def, catalogueCode: code, illustrative: true });
    }
    const measures = await listMeasures(trx, partnershipId);
    const byCode = new Map(measures.map((m) => [m.code, m]));
    const rows: (string | number)[][] = [['measure_code', 'period', 'numerator', 'denominator']];
    DEMO_MONTHS.forEach((p, i) => rows.push(['LOCAL-AE', p, DEMO_AE[i] ?? 0, '']));
    DEMO_MONTHS.forEach((p, i) => rows.push(['LOCAL-EMADM', p, DEMO_ADMISSIONS[i] ?? 0, '']));
    for (const a of PERMANENT) rows.push(['ASCOF-2C', a.period, a.numerator, a.denominator]);
    const read = readOutcomeCsv(csvLines(rows), {
      measures: byCode,
      existing: new Set(),
      replaceExisting: false,
    });
    if (!read.ok) throw new Error(`Demo outcome values do not import: ${JSON.stringify(read.problems[0])}`);
    await saveImportedValues(trx, actor, partnershipId, read.rows, { illustrative: true });

    // monthly trajectories: a 7.5% fall over the three years
    const trajectory = (code: string, from: number, to: number) => {
      const n = DEMO_MONTHS.length;
      return setTargets(
        trx,
        actor,
        partnershipId,
        byCode.get(code)?.id ?? 0,
        DEMO_MONTHS.map((p, i) => ({
          period: p,
          periodStart: parsePeriod(p, 'monthly')?.start ?? '',
          target: (from + ((to - from) * i) / (n - 1)).toFixed(1),
        })),
      );
    };
    await trajectory('LOCAL-AE', 8100, 7500);
    await trajectory('LOCAL-EMADM', 2650, 2450);
    await setTargets(
      trx,
      actor,
      partnershipId,
      byCode.get('ASCOF-2C')?.id ?? 0,
      PERMANENT.map((a) => ({
        period: a.period,
        periodStart: parsePeriod(a.period, 'annual')?.start ?? '',
        target: String(a.target),
      })),
    );
    for (const code of ['LOCAL-AE', 'LOCAL-EMADM'])
      await addIntervention(trx, actor, partnershipId, byCode.get(code)?.id ?? 0, {
        ...DEMO_INTERVENTION,
        illustrative: true,
      });
  });
}
