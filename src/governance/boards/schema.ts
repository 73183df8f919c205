/**
 * The forms of boards and memberships (meetings and the schedule are in meetings/schema.ts):
 * each reader returns the typed input or the problems keyed by field, for the GOV.UK error summary.
 */
import { z } from 'zod';
import {
  field,
  finish,
  keys,
  optional,
  problemsFromZod,
  readDateInput,
  text,
  wholeNumber,
  type FormBody,
  type Parsed,
} from '../../kernel/forms.js';
import { isoDate, isIsoDate, type IsoDate } from '../../kernel/dates.js';
import type { FieldProblems } from '../../kernel/result.js';
import { CHAIR_ROTATIONS } from './chairRotation.js';
import { BOARD_KINDS, MEMBER_ROLES, type MembershipInput } from './rules.js';
import type { BoardInput } from './store.js';

const boardSchema = z.object({
  name: text('the board’s name'),
  kind: z.enum(keys(BOARD_KINDS), { error: 'Select the kind of board' }),
  legalBasis: optional('Legal basis', 500),
  description: optional('Description', 2000),
  rotation: z.enum(keys(CHAIR_ROTATIONS), { error: 'Select how the chair is chosen' }),
  quorumTotal: wholeNumber('the quorum in total', 1, 50),
  quorumPerPartner: wholeNumber('the quorum from each partner', 0, 20),
});

/** One dated turn a line, `2018-04-01 Southampton City Council`, matched to a partner by name or short name. */
function readTurns(
  raw: string,
  partners: readonly { id: number; name: string; short_name: string | null }[],
): { turns: { organisationId: number; startsOn: IsoDate }[]; problem?: string } {
  const turns: { organisationId: number; startsOn: IsoDate }[] = [];
  const lines = raw.split(/\r?\n/).map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const m = /^(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(line);
    const date = m?.[1] ?? '';
    const who = (m?.[2] ?? '').trim().toLowerCase();
    if (!m || !isIsoDate(date))
      return {
        turns,
        problem: `Line ${i + 1}: start each line with a date like 2018-04-01, then the partner`,
      };
    const partner = partners.find((p) => p.name.toLowerCase() === who || p.short_name?.toLowerCase() === who);
    if (!partner) return { turns, problem: `Line ${i + 1}: “${m[2] ?? ''}” is not one of the partners` };
    turns.push({ organisationId: partner.id, startsOn: isoDate(date) });
  }
  return { turns: turns.sort((a, b) => a.startsOn.localeCompare(b.startsOn)) };
}

export function readBoardForm(
  body: FormBody,
  partners: readonly { id: number; name: string; short_name: string | null }[],
): Parsed<BoardInput> {
  const problems: FieldProblems = {};
  const base = boardSchema.safeParse(
    Object.fromEntries(Object.keys(boardSchema.shape).map((k) => [k, field(body, k)])),
  );
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  const startsOn = readDateInput(body, 'rotationStartsOn', 'the date the rotation starts');
  if (startsOn.problem) problems.rotationStartsOn = startsOn.problem;
  const rotation = base.success ? base.data.rotation : null;
  let turns: { organisationId: number; startsOn: IsoDate | null }[] = [];
  if (rotation === 'each_meeting' || rotation === 'municipal_year') {
    if (!startsOn.problem && startsOn.value === null)
      problems.rotationStartsOn = 'Enter the date the rotation starts';
    const first = Number(field(body, 'firstChair'));
    if (!partners.some((p) => p.id === first))
      problems.firstChair = 'Select the partner that takes the chair first';
    else
      turns = [first, ...partners.map((p) => p.id).filter((id) => id !== first)].map((organisationId) => ({
        organisationId,
        startsOn: null,
      }));
  }
  if (rotation === 'schedule') {
    const read = readTurns(field(body, 'chairSchedule'), partners);
    if (read.problem) problems.chairSchedule = read.problem;
    else if (read.turns.length === 0)
      problems.chairSchedule = 'Enter at least one turn: a date, then the partner';
    turns = read.turns;
  }
  if (base.success && base.data.quorumPerPartner > base.data.quorumTotal)
    problems.quorumPerPartner = 'The quorum from each partner cannot be more than the quorum in total';
  return finish(base, problems, (b) => {
    return {
      name: b.name,
      kind: b.kind,
      legalBasis: b.legalBasis || BOARD_KINDS[b.kind].legalBasis,
      description: b.description,
      rotation: b.rotation,
      rotationStartsOn:
        b.rotation === 'each_meeting' || b.rotation === 'municipal_year' ? (startsOn.value as IsoDate) : null,
      municipalYearStartMonth: 5,
      turns,
      quorumTotal: b.quorumTotal,
      quorumPerPartner: b.quorumPerPartner,
    };
  });
}

const membershipSchema = z.object({
  personName: text('the member’s name'),
  organisationId: z.coerce
    .number({ error: 'Select the partner that nominated the member' })
    .int()
    .positive('Select the partner that nominated the member'),
  postHeld: optional('Post held', 200),
  nominatedBy: optional('Nominated by', 200),
  role: z.enum(keys(MEMBER_ROLES), { error: 'Select the member’s role on the board' }),
  voting: z.enum(['yes', 'no'], { error: 'Select whether the member has a vote' }),
  substitutes: optional('Substitutes', 2000),
});

/** Reads a membership; substitutes are one a line, `Name, post held`. */
export function readMembershipForm(body: FormBody): Parsed<MembershipInput> {
  const problems: FieldProblems = {};
  const base = membershipSchema.safeParse(
    Object.fromEntries(Object.keys(membershipSchema.shape).map((k) => [k, field(body, k)])),
  );
  if (!base.success) Object.assign(problems, problemsFromZod(base.error));
  const termFrom = readDateInput(body, 'termFrom', 'the start of the term', true);
  const termTo = readDateInput(body, 'termTo', 'the end of the term');
  if (termFrom.problem) problems.termFrom = termFrom.problem;
  if (termTo.problem) problems.termTo = termTo.problem;
  return finish(base, problems, (b) => {
    return {
      personName: b.personName,
      organisationId: b.organisationId,
      postHeld: b.postHeld,
      nominatedBy: b.nominatedBy,
      role: b.role,
      voting: b.voting === 'yes',
      termFrom: isoDate(termFrom.value ?? ''),
      termTo: termTo.value === null ? null : isoDate(termTo.value),
      substitutes: b.substitutes
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .map((l) => {
          const [name = '', ...post] = l.split(',');
          return { name: name.trim(), postHeld: post.join(',').trim() };
        }),
    };
  });
}
