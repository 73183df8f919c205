import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { makeOrganisation, makePartnership } from '../../test/support/fixtures.js';
import { callInTermsOf, getDecision } from '../governance/decisions/index.js';
import { callInState, DECISION_STATUSES } from '../governance/decisions/index.js';
import { listAgendaItems } from '../governance/meetings/index.js';
import { getBoard } from '../governance/boards/index.js';
import { isoDate } from '../kernel/dates.js';
import { loadCabinetDecisionsDemo } from './cabinetDecisionsDemo.js';

const SEEDS = path.resolve(import.meta.dirname, '../../test/fixtures/seeds');
const seed = (file: string) => fs.readFileSync(path.join(SEEDS, file), 'utf8');
/** Whitespace collapsed, as a reader of the published page sees the text. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
/** The text of a seed between two of its headings. */
const between = (text: string, from: string, to: string) => {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  if (start < 0 || end < 0) throw new Error(`Seed has no "${from}" ... "${to}"`);
  return flat(text.slice(start + from.length, end));
};

describe('the Southampton Cabinet decisions of the seeds, field for field', () => {
  let t: TestDatabase;
  let pid: number;
  let ids: Awaited<ReturnType<typeof loadCabinetDecisionsDemo>>;
  beforeAll(async () => {
    t = await createTestDatabase();
    const ccg = await makeOrganisation(t.db, { name: 'NHS Southampton City CCG' });
    const council = await makeOrganisation(t.db, { name: 'Southampton City Council' });
    pid = await makePartnership(t.db, [ccg, council]);
    ids = await loadCabinetDecisionsDemo(t.db, pid, council);
  });
  afterAll(() => t.dispose());

  const fields = async (id: number) => {
    const d = (await getDecision(t.db, pid, id))!;
    const item = (await listAgendaItems(t.db, pid, d.meeting_id!)).find((i) => i.id === d.agenda_item_id)!;
    const board = (await getBoard(t.db, pid, ids.boardId))!;
    const state = callInState(callInTermsOf(d), d.publishedOn, [], isoDate('2026-01-01'));
    return {
      title: item.title,
      status: DECISION_STATUSES[d.status].toLowerCase(),
      decisionMaker: board.name,
      key: item.key_decision,
      subjectToCallIn: d.call_in === 'subject',
      summary: flat(item.summary),
      decision: flat(d.decision),
      reasons: flat(d.reasons),
      alternatives: flat(d.alternatives),
      author: item.report_author,
      published: d.published_on,
      decided: d.decided_on,
      effective: state.kind === 'effective' ? state.effective.date : state.kind,
    };
  };

  it('reproduces the decision of 15 October 2013 (seed 003)', async () => {
    const text = seed('003_8fd323dd69c8d51c.txt');
    const f = await fields(ids.icu);
    expect(f).toMatchObject({
      title: between(text, 'Decision details', 'Decision Maker:'),
      decisionMaker: between(text, 'Decision Maker:', 'Decision status:'),
      status: between(text, 'Decision status:', 'Is Key decision?:').toLowerCase(), // "Recommendations Approved"
      key: true,
      subjectToCallIn: true,
      author: between(text, 'Report author:', 'Publication date:'),
      published: '2013-10-15',
      decided: '2013-10-15',
      effective: '2013-10-23', // "Effective from: 23/10/2013"
    });
    expect(`${f.summary} ${f.decision}`).toBe(
      between(text, 'Is subject to call in?: Yes', 'Reasons for the decision:'),
    );
    expect(f.reasons).toBe(between(text, 'Reasons for the decision:', 'Alternative options considered:'));
    expect(f.alternatives).toBe(between(text, 'Alternative options considered:', 'Report author:'));
  });

  it('reproduces the decision of 18 July 2017 (seed 001)', async () => {
    const text = seed('001_23c6a99dda7316aa.txt');
    const f = await fields(ids.sharedCommissioning);
    expect(f).toMatchObject({
      title: between(text, 'Decision details', 'Decision Maker:'),
      decisionMaker: between(text, 'Decision Maker:', 'Decision status:'),
      status: between(text, 'Decision status:', 'Is Key decision?:').toLowerCase(), // "Recommendations Approved"
      key: false,
      subjectToCallIn: true,
      decision: between(text, 'Decision:', 'Reasons for the decision:'),
      reasons: between(text, 'Reasons for the decision:', 'Alternative options considered:'),
      alternatives: between(text, 'Alternative options considered:', 'Report author:'),
      author: between(text, 'Report author:', 'Publication date:'),
      published: '2017-07-18',
      decided: '2017-07-18',
      effective: '2017-07-27', // "Effective from: 27/07/2017"
    });
  });
});
