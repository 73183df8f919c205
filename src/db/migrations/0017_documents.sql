-- Papers of meetings (issue 4, scope item 10): reports, appendices, background papers and minutes uploaded to a
-- meeting or to one of its agenda items, each kept in versions. A new upload is a new version; earlier versions are
-- never overwritten or deleted here. How long each is kept open to inspection (LGA 1972 ss100C, 100D: six years
-- for minutes and reports, four for background papers) is computed from the kind and the meeting's date, not
-- stored, and nothing is deleted automatically.

create table papers (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  meeting_id bigint not null,
  -- null: a paper of the meeting as a whole (its minutes)
  agenda_item_id bigint,
  kind text not null check (kind in ('report', 'appendix', 'background_paper', 'minutes')),
  title text not null check (length(trim(title)) between 1 and 200),
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id),
  foreign key (partnership_id, agenda_item_id) references agenda_items (partnership_id, id)
);

create index papers_meeting on papers (partnership_id, meeting_id);

create table paper_versions (
  partnership_id bigint not null,
  id bigint generated always as identity,
  paper_id bigint not null,
  version integer not null check (version >= 1),
  filename text not null check (length(filename) between 1 and 255),
  content_type text not null check (content_type in (
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.oasis.opendocument.text',
    'text/plain; charset=utf-8')),
  size_bytes bigint not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  uploaded_by bigint references users (id),
  uploaded_by_name text not null,
  uploaded_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, paper_id, version),
  foreign key (partnership_id, paper_id) references papers (partnership_id, id),
  check (octet_length(content) = size_bytes)
);
