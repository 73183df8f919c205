/**
 * One-off bank holiday changes recorded in the database (DOMAIN.md §5), added by a system administrator after a
 * proclamation. The calendar functions stay pure: routes, the CLI and the demo load these and pass them in, with the
 * built-in changes of src/kernel/bankHolidays.ts applied underneath.
 */
import type { Executor } from '../../db/connection.js';
import { recordAuditEvent, type Actor } from '../../audit/index.js';
import type { BankHolidayChange } from '../../kernel/bankHolidays.js';
import { isoDate } from '../../kernel/dates.js';

/** The changes recorded in the database, in date order. */
export async function listBankHolidayChangeRows(db: Executor) {
  const rows = await db.selectFrom('bank_holiday_changes').selectAll().orderBy('holiday_on').execute();
  return rows.map((r) => {
    const change: BankHolidayChange =
      r.kind === 'moved' && r.replaces
        ? { kind: 'moved', date: isoDate(r.holiday_on), replaces: isoDate(r.replaces), name: r.name }
        : { kind: 'extra', date: isoDate(r.holiday_on), name: r.name };
    return { ...r, change };
  });
}

/** The database's changes, to pass to every calendar function beside the built-in ones. */
export async function loadBankHolidayChanges(db: Executor): Promise<BankHolidayChange[]> {
  return (await listBankHolidayChangeRows(db)).map((r) => r.change);
}

/** Records a change checked by `checkBankHolidayChange`; returns its id. */
export async function addBankHolidayChange(
  trx: Executor,
  actor: Actor,
  change: BankHolidayChange & { proclamation: string },
): Promise<number> {
  const values = {
    kind: change.kind,
    holiday_on: change.date,
    replaces: change.kind === 'moved' ? change.replaces : null,
    name: change.name,
    proclamation: change.proclamation,
    created_by: actor.userId,
  };
  const { id } = await trx
    .insertInto('bank_holiday_changes')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAuditEvent(trx, actor, {
    action: 'create',
    entityType: 'bank holiday change',
    entityId: id,
    partnershipId: null,
    after: values,
  });
  return id;
}
