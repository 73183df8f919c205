/** The tables of meeting papers and their versions (migration 0017). */
import type { ColumnType, Generated } from 'kysely';
import type { PaperContentType, PaperKind } from './rules.js';

export interface PapersTable {
  partnership_id: number;
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  kind: PaperKind;
  title: string;
  created_at: ColumnType<Date, never, never>;
}

export interface PaperVersionsTable {
  partnership_id: number;
  id: Generated<number>;
  paper_id: number;
  version: number;
  filename: string;
  content_type: PaperContentType;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_by_name: string;
  uploaded_at: ColumnType<Date, never, never>;
}

export interface PaperTables {
  papers: PapersTable;
  paper_versions: PaperVersionsTable;
}
