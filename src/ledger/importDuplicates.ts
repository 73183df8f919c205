/**
 * Which rows of an extract carry a transaction reference that appears earlier in the same file, or that the
 * fund holds already from this partner. Run only when the database has refused an import for a reference used
 * twice (the unique index on postings does the refusing, so that a good import keeps no list of references).
 */
import type { Executor } from '../db/connection.js';
import type { ExtractSource } from './importSource.js';
import type { ImportColumns } from './tables.js';

export interface ReferenceProblem {
  line: number;
  column: string;
  reason: string;
  /** the column's index in the file */
  at: number;
}

export async function duplicateReferences(
  db: Executor,
  source: ExtractSource,
  columns: ImportColumns,
  ids: { partnershipId: number; fundId: number; organisationId: number },
): Promise<ReferenceProblem[]> {
  const column = columns.reference ?? 'reference';
  const wanted = column.trim().toLowerCase();
  let at: number | undefined;
  let header = true;
  const first = new Map<string, number>();
  const problems: ReferenceProblem[] = [];
  await source.read((line, fields) => {
    if (header) {
      header = false;
      const i = fields.findIndex((f) => f.trim().toLowerCase() === wanted);
      at = i === -1 ? undefined : i;
      return;
    }
    if (at === undefined) return;
    const reference = (fields[at] ?? '').trim();
    if (!reference) return;
    const seen = first.get(reference);
    if (seen === undefined) first.set(reference, line);
    else
      problems.push({
        line,
        column,
        reason: `Transaction reference ${reference} appears again (first on line ${seen})`,
        at,
      });
    return;
  });
  const references = [...first.keys()];
  for (let i = 0; i < references.length; i += 5000) {
    const found = await db
      .selectFrom('postings')
      .select('reference')
      .where('partnership_id', '=', ids.partnershipId)
      .where('fund_id', '=', ids.fundId)
      .where('organisation_id', '=', ids.organisationId)
      // the column compares byte by byte (collation "C", 0023), as the unique index on references does
      .where('reference', 'in', references.slice(i, i + 5000))
      .execute();
    for (const f of found)
      if (f.reference)
        problems.push({
          line: first.get(f.reference) ?? 0,
          column,
          reason: `Transaction reference ${f.reference} was imported already`,
          at: at ?? 0,
        });
  }
  return problems.sort((a, b) => a.line - b.line);
}
