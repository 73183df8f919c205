/**
 * Publishing a meeting's agenda: checked against the agenda notice rule (SI 2012/2089 reg 6, 5 clear working days
 * by default) and refused after the deadline unless the chair's reason of urgency is recorded, then recorded with
 * its audit event in one transaction.
 */
import { transaction, type Db } from '../../db/connection.js';
import type { Actor } from '../../audit/index.js';
import type { IsoDate } from '../../kernel/dates.js';
import { err, ok, type FieldProblems, type Result } from '../../kernel/result.js';
import { checkAgendaPublication, type PublicationVerdict, type UrgencyRecord } from './agendaPublication.js';
import { getMeeting, listAgendaItems, recordAgendaPublished } from './store.js';
import { loadBankHolidayChanges } from '../dates/index.js';

export interface PublishAgendaProps {
  partnershipId: number;
  meetingId: number;
  publishOn: IsoDate;
  urgency: UrgencyRecord | null;
  /** When the agenda was published, for the record; now unless the demo loads history. */
  publishedAt?: Date;
}

export async function publishAgenda(
  db: Db,
  actor: Actor,
  props: PublishAgendaProps,
): Promise<Result<PublicationVerdict, FieldProblems>> {
  return transaction(db, async (trx) => {
    const meeting = await getMeeting(trx, props.partnershipId, props.meetingId);
    if (!meeting) return err({ form: 'There is no such meeting' });
    const items = await listAgendaItems(trx, props.partnershipId, props.meetingId);
    const verdict = checkAgendaPublication(
      {
        meetsOn: meeting.meetsOn,
        status: meeting.status,
        publishOn: props.publishOn,
        urgency: props.urgency,
        items: items.map((i) => ({ number: i.number, urgencyReason: i.urgency_reason })),
      },
      undefined,
      await loadBankHolidayChanges(trx),
    );
    if (!verdict.ok) return verdict;
    await recordAgendaPublished(trx, actor, props.partnershipId, props.meetingId, {
      publishedOn: props.publishOn,
      publishedAt: props.publishedAt ?? new Date(),
      late: verdict.value.late,
      urgencyReason: verdict.value.late ? (props.urgency?.reason ?? '') : '',
      urgencyAgreedBy: verdict.value.late ? (props.urgency?.agreedBy ?? '') : '',
    });
    return ok(verdict.value);
  });
}
