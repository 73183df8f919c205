/**
 * The forms of boards and memberships (meetings and the schedule are in meetings/schema.ts):
 * each reader returns the typed input or the problems keyed by field, for the GOV.UK error summary.
 */
import { z } from 'zod';
import { dateInput, keys, optional, parseForm, text, wholeNumber, type Parsed } from '../../kernel/forms.js';
import { isoDate, isIsoDate, type IsoDate } from '../../kernel/dates.js';
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

type Partner = { id: number; name: string; short_name: string | null };
const rotates = (rotation: unknown) => rotation === 'each_meeting' || rotation === 'municipal_year';

/**
 * The board form. The rotation's own fields (its start and first chair, or its schedule of turns) are checked
 * whenever the rotation is chosen, alongside any other problem; the quorums are compared once both are read.
 */
const boardForm = (partners: readonly Partner[]) =>
  boardSchema
    .extend({
      rotationStartsOn: dateInput('the date the rotation starts'),
      firstChair: z.string(),
      chairSchedule: z.string(),
    })
    .superRefine(
      (b, ctx) => {
        const problem = (path: string, message: string) =>
          ctx.addIssue({ code: 'custom', path: [path], message });
        if (rotates(b.rotation)) {
          if (b.rotationStartsOn === null) problem('rotationStartsOn', 'Enter the date the rotation starts');
          if (!partners.some((p) => p.id === Number(b.firstChair)))
            problem('firstChair', 'Select the partner that takes the chair first');
        }
        if (b.rotation === 'schedule' && typeof b.chairSchedule === 'string') {
          const read = readTurns(b.chairSchedule, partners);
          if (read.problem) problem('chairSchedule', read.problem);
          else if (read.turns.length === 0)
            problem('chairSchedule', 'Enter at least one turn: a date, then the partner');
        }
        if (
          Number.isInteger(b.quorumTotal) &&
          Number.isInteger(b.quorumPerPartner) &&
          b.quorumPerPartner > b.quorumTotal
        )
          problem('quorumPerPartner', 'The quorum from each partner cannot be more than the quorum in total');
      },
      { when: () => true },
    );

export const readBoardForm = (body: unknown, partners: readonly Partner[]): Parsed<BoardInput> =>
  parseForm(boardForm(partners), body, (b) => {
    const first = Number(b.firstChair);
    const turns: BoardInput['turns'] = rotates(b.rotation)
      ? [first, ...partners.map((p) => p.id).filter((id) => id !== first)].map((organisationId) => ({
          organisationId,
          startsOn: null,
        }))
      : b.rotation === 'schedule'
        ? readTurns(b.chairSchedule, partners).turns
        : [];
    return {
      name: b.name,
      kind: b.kind,
      legalBasis: b.legalBasis || BOARD_KINDS[b.kind].legalBasis,
      description: b.description,
      rotation: b.rotation,
      rotationStartsOn: rotates(b.rotation) ? b.rotationStartsOn : null,
      municipalYearStartMonth: 5,
      turns,
      quorumTotal: b.quorumTotal,
      quorumPerPartner: b.quorumPerPartner,
    };
  });

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
export const readMembershipForm = (body: unknown): Parsed<MembershipInput> =>
  parseForm(
    membershipSchema.extend({
      termFrom: dateInput('the start of the term', { required: true }),
      termTo: dateInput('the end of the term'),
    }),
    body,
    (b) => ({
      personName: b.personName,
      organisationId: b.organisationId,
      postHeld: b.postHeld,
      nominatedBy: b.nominatedBy,
      role: b.role,
      voting: b.voting === 'yes',
      termFrom: b.termFrom,
      termTo: b.termTo,
      substitutes: b.substitutes
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .map((l) => {
          const [name = '', ...post] = l.split(',');
          return { name: name.trim(), postHeld: post.join(',').trim() };
        }),
    }),
  );
