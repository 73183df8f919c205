/**
 * Papers for the demonstration board's published agendas, so that its meeting pages list papers and its agenda
 * packs have content: a short illustrative PDF report for each item that has a report author (the exempt home
 * care award too, which only the members' pack contains), the minutes of each meeting held, and a background paper
 * as a text file. The reports are generated here with the same PDF helpers the packs use, and uploaded through
 * the same store function as the upload page. Their text says that it is illustrative.
 */
import { transaction, type Db } from '../db/connection.js';
import { systemActor } from '../audit/index.js';
import { formatLongDate } from '../kernel/dates.js';
import { PdfWriter, describeDocument } from '../kernel/pdf.js';
import { listAgendaItems, listMeetings, type AgendaItem } from '../governance/meetings/index.js';
import { createPaper } from '../governance/papers/index.js';
import { AGENDA_ITEM_KINDS } from '../governance/boards/index.js';

const actor = systemActor('demo loader');
const ILLUSTRATIVE =
  'Illustrative report generated for the Concordat demonstration: the seed documents give the board and its scope, ' +
  'not the text of its reports.';

/** A two-page illustrative report for an agenda item. */
async function reportFor(boardName: string, meetsOn: string, item: AgendaItem): Promise<Buffer> {
  const w = await PdfWriter.create();
  w.text(`${boardName}, ${formatLongDate(meetsOn)}`, { size: 10, after: 8 });
  w.heading(`Item ${item.number}: ${item.title}`, 18);
  w.field('Report author', item.report_author);
  w.field('For', AGENDA_ITEM_KINDS[item.kind]);
  if (item.key_decision) w.field('Key decision', 'Yes');
  w.heading('Purpose', 13);
  w.text(item.summary || item.title, { after: 10 });
  w.heading('Recommendations', 13);
  w.text(
    item.kind === 'decision'
      ? `That the Board agrees the proposal set out in this report: ${item.summary}`
      : 'That the Board notes this report.',
    { after: 10 },
  );
  w.heading('Background', 13);
  w.text(ILLUSTRATIVE, { after: 10 });
  w.newPage();
  w.heading('Financial and legal implications', 13);
  w.text(
    'The proposal is funded within the section 75 pooled budget. Decisions on one partner’s functions are taken ' +
      'by that partner’s members; joint decisions by each partner’s members (concurrent decisions).',
    { after: 10 },
  );
  w.heading('Background papers', 13);
  w.text('None beyond those listed on the agenda.', { after: 10 });
  w.text(ILLUSTRATIVE, { size: 9 });
  describeDocument(w.doc, `${item.title}: report`);
  return Buffer.from(await w.doc.save());
}

async function minutesOf(boardName: string, meetsOn: string, items: AgendaItem[]): Promise<Buffer> {
  const w = await PdfWriter.create();
  w.heading(`${boardName}: minutes`, 18);
  w.text(`Meeting held on ${formatLongDate(meetsOn)}`, { after: 10 });
  for (const i of items)
    w.text(
      `${i.number}. ${i.exempt ? `Exempt item (paragraph ${i.exempt_paragraph ?? '?'} of Schedule 12A)` : i.title}`,
      { bold: true, after: 4 },
    );
  w.text(ILLUSTRATIVE, { size: 9 });
  describeDocument(w.doc, `${boardName}: minutes of ${formatLongDate(meetsOn)}`);
  return Buffer.from(await w.doc.save());
}

/** Uploads the demo papers to the partnership's published agendas; returns how many papers it made. */
export async function loadDocumentsDemo(db: Db, partnershipId: number): Promise<number> {
  let made = 0;
  for (const meeting of await listMeetings(db, partnershipId, { publishedOnly: true })) {
    const items = await listAgendaItems(db, partnershipId, meeting.id);
    const reports = await Promise.all(
      items
        .filter((i) => i.report_author !== '')
        .map(async (i) => ({ item: i, content: await reportFor(meeting.board_name, meeting.meets_on, i) })),
    );
    const minutes =
      meeting.status === 'held' ? await minutesOf(meeting.board_name, meeting.meets_on, items) : null;
    await transaction(db, async (trx) => {
      for (const { item, content } of reports) {
        await createPaper(
          trx,
          actor,
          partnershipId,
          { meetingId: meeting.id, agendaItemId: item.id, kind: 'report', title: item.title },
          {
            filename: `item-${item.number}-report.pdf`,
            contentType: 'application/pdf',
            content,
          },
        );
        made++;
        if (item.key_on_spend && !item.exempt) {
          await createPaper(
            trx,
            actor,
            partnershipId,
            {
              meetingId: meeting.id,
              agendaItemId: item.id,
              kind: 'background_paper',
              title: 'Spending profile (illustrative)',
            },
            {
              filename: `item-${item.number}-spending-profile.txt`,
              contentType: 'text/plain; charset=utf-8',
              content: Buffer.from(`${item.title}\n\n${ILLUSTRATIVE}\n`, 'utf8'),
            },
          );
          made++;
        }
      }
      if (minutes) {
        await createPaper(
          trx,
          actor,
          partnershipId,
          {
            meetingId: meeting.id,
            agendaItemId: null,
            kind: 'minutes',
            title: `Minutes of ${formatLongDate(meeting.meets_on)}`,
          },
          { filename: `minutes-${meeting.meets_on}.pdf`, contentType: 'application/pdf', content: minutes },
        );
        made++;
      }
    });
  }
  return made;
}
