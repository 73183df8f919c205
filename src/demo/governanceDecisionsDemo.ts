/**
 * The decisions the Southampton demo board took over its year (illustrative text, from governanceDemo.ts's
 * agendas): each recorded on its agenda item at the meeting and published the next working day, which starts the
 * call-in clock (DOMAIN.md §5). Decisions on the CCG's functions alone are NHS decisions, not subject to call-in;
 * the rest are the council's executive decisions and are.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { nextWorkingDay } from '../kernel/workingDays.js';
import { listAgendaItems, listMeetings } from '../governance/meetings/index.js';
import { publishDecision, recordDecision } from '../governance/decisions/index.js';
import { AGENDAS } from './governanceDemo.js';

const actor = systemActor('demo loader');

/** Records and publishes every decision of the board's held meetings; returns the decision ids in order. */
export async function loadGovernanceDecisionsDemo(
  db: Db,
  partnershipId: number,
  boardId: number,
): Promise<number[]> {
  const meetings = await listMeetings(db, partnershipId, { boardId });
  const ids: number[] = [];
  for (const [index, agenda] of AGENDAS.entries()) {
    const meeting = meetings[index];
    if (!meeting || agenda === null || meeting.status !== 'held') continue;
    const items = await listAgendaItems(db, partnershipId, meeting.id);
    await transaction(db, async (trx) => {
      for (const [position, planned] of agenda.entries()) {
        const decided = planned.decided;
        const item = items[position];
        if (!decided || !item) continue;
        if (item.title !== planned.title) throw new Error(`Demo agenda out of step at ${item.title}`);
        const id = await recordDecision(
          trx,
          actor,
          partnershipId,
          { meetingId: meeting.id, agendaItemId: item.id },
          {
            ...decided,
            decidedOn: meeting.meetsOn,
            interestsDeclared: '',
            dispensations: '',
            callIn: planned.partner === 'ccg' ? 'nhs' : 'subject',
            urgencyAgreedBy: '',
            callInRule: 'call-in',
          },
        );
        const publishedOn = nextWorkingDay(meeting.meetsOn);
        await publishDecision(
          trx,
          actor,
          partnershipId,
          id,
          publishedOn,
          new Date(`${publishedOn}T12:00:00Z`),
        );
        ids.push(id);
      }
    });
  }
  return ids;
}
