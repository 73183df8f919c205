/**
 * The recorded votes of held meetings as open data, shaped after Popolo and Open Civic Data: a vote event for each
 * motion (with the result overall and the counts), a count for each partner that decides the item (on a joint item
 * each partner's members must carry it, DOMAIN.md §4 concurrent decisions), and a vote for each member's vote that
 * counted. The same as the public record of the meeting shows (conductRoutes.ts): held meetings only, and nothing
 * at all of an exempt item (Schedule 12A), not even that a motion was put on it.
 */
import { meetingConduct } from '../../governance/conduct/index.js';
import { listMeetings } from '../../governance/meetings/index.js';
import type { Vote } from '../../governance/boards/index.js';
import { getBoard } from '../../governance/boards/index.js';
import { partnersOf } from '../../partnerships/index.js';
import {
  londonDateTime,
  personId,
  type OpenDataRow,
  type OpenDataScope,
  type OpenDataSection,
} from './openData.js';

/** Popolo's vote options. */
const OPTION: Record<Vote, 'yes' | 'no' | 'abstain'> = { for: 'yes', against: 'no', abstain: 'abstain' };
const result = (carried: boolean) => (carried ? 'pass' : 'fail');

/** Every motion on a non-exempt item of a held meeting, as the rows of the three sections. */
async function publicVotes(scope: OpenDataScope) {
  const { db, partnership, base } = scope;
  const partners = await partnersOf(db, partnership.id);
  const partnerName = (id: number) => partners.find((p) => p.id === id)?.name ?? `organisation ${id}`;
  const events: OpenDataRow[] = [];
  const counts: OpenDataRow[] = [];
  const votes: OpenDataRow[] = [];
  for (const meeting of await listMeetings(db, partnership.id)) {
    if (meeting.status !== 'held') continue;
    const board = await getBoard(db, partnership.id, meeting.board_id);
    if (!board) continue;
    const conduct = await meetingConduct(db, board, meeting, partners);
    for (const { item, motion, outcome } of conduct.items) {
      if (item.exempt || !motion) continue;
      const id = `vote-event/${motion.id}`;
      const tally = (v: Vote) => outcome.result.byPartner.reduce((n, p) => n + p[v], 0);
      events.push({
        id,
        event_id: `event/${meeting.id}`,
        agenda_item_id: `agenda-item/${item.id}`,
        organization_id: `board/${board.id}`,
        start_date: londonDateTime(meeting.meets_on, meeting.starts_at),
        motion_text: motion.motion,
        mover: motion.mover,
        seconder: motion.seconder,
        result: result(outcome.carried),
        result_text: outcome.reason,
        yes_count: tally('for'),
        no_count: tally('against'),
        abstain_count: tally('abstain'),
        url: `${base}/public/partnerships/${partnership.slug}/meetings/${meeting.id}/record`,
      });
      for (const p of outcome.result.byPartner)
        counts.push({
          vote_event_id: id,
          group_id: `organization/${p.organisationId}`,
          group_name: partnerName(p.organisationId),
          result: result(p.carried),
          yes_count: p.for,
          no_count: p.against,
          abstain_count: p.abstain,
        });
      // a vote refused (cast by someone who may not vote on the item) is not part of the record, as on the page
      for (const v of motion.voteList) {
        if (outcome.refusals.some((r) => r.membershipId === v.membershipId)) continue;
        const seat = conduct.attendance.find((a) => a.membershipId === v.membershipId);
        const substitute = seat?.presence === 'substitute';
        votes.push({
          vote_event_id: id,
          voter_id: personId(substitute ? seat.substituteName : (seat?.name ?? v.who)),
          voter_name: v.who,
          membership_id: `membership/${v.membershipId}`,
          substitute,
          on_behalf_of: seat?.partner ?? '',
          option: OPTION[v.vote],
        });
      }
    }
  }
  return { events, counts, votes };
}

export const voteEvents: OpenDataSection = {
  name: 'vote_events',
  title: 'Votes on motions',
  description:
    'One for each motion put at a held meeting, with its result and the votes for, against and abstaining. Nothing of an exempt item is published.',
  follows: 'Popolo VoteEvent',
  fields: [
    { name: 'id', description: 'Identifier: vote-event/<number>' },
    { name: 'event_id', description: 'The meeting (see Meetings)' },
    { name: 'agenda_item_id', description: 'The agenda item the motion was on (see Agenda items)' },
    { name: 'organization_id', description: 'The board (see Organisations)' },
    {
      name: 'start_date',
      description: 'When the meeting started: ISO 8601 date and time with the UK offset',
    },
    { name: 'motion_text', description: 'The motion as put' },
    { name: 'mover', description: 'Who moved it' },
    { name: 'seconder', description: 'Who seconded it' },
    {
      name: 'result',
      description:
        'pass or fail: on a joint item it passes only if every partner’s members carry it, and never at an inquorate meeting',
    },
    { name: 'result_text', description: 'The result in words, with each deciding partner’s votes' },
    { name: 'yes_count', description: 'Votes for, of the members entitled to vote on the item' },
    { name: 'no_count', description: 'Votes against' },
    { name: 'abstain_count', description: 'Abstentions' },
    { name: 'url', description: 'Public record of the meeting: attendance, votes and minutes' },
  ],
  rows: async (scope) => (await publicVotes(scope)).events,
};

export const voteCounts: OpenDataSection = {
  name: 'vote_counts',
  title: 'Votes by partner',
  description:
    'For each motion, the result among the members of each partner that decides the item: every partner on a joint item, one partner on an item about its functions only.',
  follows: 'Popolo Count, by group',
  fields: [
    { name: 'vote_event_id', description: 'The motion (see Votes on motions)' },
    { name: 'group_id', description: 'The partner organisation (see Organisations)' },
    { name: 'group_name', description: 'The partner’s name' },
    { name: 'result', description: 'pass or fail among that partner’s members' },
    { name: 'yes_count', description: 'Votes for, of that partner’s members' },
    { name: 'no_count', description: 'Votes against' },
    { name: 'abstain_count', description: 'Abstentions' },
  ],
  rows: async (scope) => (await publicVotes(scope)).counts,
};

export const memberVotes: OpenDataSection = {
  name: 'votes',
  title: 'Members’ votes',
  description:
    'How each member voted on each motion. A vote cast by someone not entitled to vote on the item (for a partner whose functions it does not concern, or after leaving the room for an interest) was not counted and is not listed.',
  follows: 'Popolo Vote',
  fields: [
    { name: 'vote_event_id', description: 'The motion (see Votes on motions)' },
    { name: 'voter_id', description: 'Identifier made from the name of whoever voted: person/<name>' },
    { name: 'voter_name', description: 'Who voted; a substitute is named with the member they sat for' },
    { name: 'membership_id', description: 'The seat they voted in (see Memberships)' },
    {
      name: 'substitute',
      description: 'Whether a named substitute voted in the member’s place: true or false',
    },
    { name: 'on_behalf_of', description: 'The partner organisation that nominated the member' },
    { name: 'option', description: 'yes, no or abstain' },
  ],
  rows: async (scope) => (await publicVotes(scope)).votes,
};
