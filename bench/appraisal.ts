/**
 * SMAA rank acceptability benchmark (issue 5): 100,000 weight samples drawn uniformly from the simplex, for
 * 8 options and 12 criteria, on one core. Target: under 200 ms. Prints the figures and ends with three lines
 * for scripts: `samples: N`, `smaa_ms: X`, `samples_per_s: X`.
 *
 *     npm run bench:appraisal [-- samples]
 */
import { SeededRandom } from '../src/appraisal/analysis/index.js';
import { rankAcceptability } from '../src/appraisal/analysis/index.js';

const OPTIONS = 8;
const CRITERIA = 12;
const samples = Number(process.argv[2] ?? 100_000);

// An invented value matrix (0 to 1), fixed by its seed, with options close enough that ranks change.
const gen = new SeededRandom(2017);
const values = new Float64Array(OPTIONS * CRITERIA);
for (let i = 0; i < values.length; i++) values[i] = 0.3 + 0.4 * gen.nextOpen();

const runOnce = () => {
  const r = rankAcceptability({
    options: OPTIONS,
    criteria: CRITERIA,
    values,
    samples,
    seed: 1,
    weights: { kind: 'simplex' },
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

// Warm up the JIT on a short run, then time the full run (best of three).
rankAcceptability({
  options: OPTIONS,
  criteria: CRITERIA,
  values,
  samples: 2000,
  seed: 9,
  weights: { kind: 'simplex' },
});
let best = Infinity;
let result = runOnce();
for (let i = 0; i < 3; i++) {
  const start = process.hrtime.bigint();
  result = runOnce();
  best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
}

console.log(
  `SMAA rank acceptability: ${OPTIONS} options × ${CRITERIA} criteria, ${samples.toLocaleString('en-GB')} samples`,
);
console.log('first-rank acceptability by option:');
for (let a = 0; a < OPTIONS; a++) {
  console.log(`  option ${a + 1}: ${(100 * (result.rankAcceptability[a * OPTIONS] ?? 0)).toFixed(1)} %`);
}
console.log(
  `best of 3 runs: ${best.toFixed(1)} ms (${Math.round((samples / best) * 1000).toLocaleString('en-GB')} samples a second)`,
);
console.log(`samples: ${samples}`);
console.log(`smaa_ms: ${best.toFixed(1)}`);
console.log(`samples_per_s: ${Math.round((samples / best) * 1000)}`);
