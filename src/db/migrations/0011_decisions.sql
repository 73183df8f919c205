-- Decisions and call-in, first slice (DOMAIN.md §5): the record of a decision taken on an agenda item (SI 2012/2089
-- regs 12 and 13), when it was published (which starts the call-in clock under the named notice rule), and the
-- call-in requests of scrutiny members. The effective date is computed from the publication date, not stored.

create table decisions (
  partnership_id bigint not null,
  id bigint generated always as identity,
  meeting_id bigint not null,
  agenda_item_id bigint not null,
  decision text not null check (length(trim(decision)) > 0),
  decided_on date not null,
  reasons text not null check (length(trim(reasons)) > 0),
  alternatives text not null check (length(trim(alternatives)) > 0),
  interests_declared text not null default '',
  dispensations text not null default '',
  -- call-in applies to the council's executive decisions, not to NHS decisions; urgent ones record who agreed
  call_in text not null check (call_in in ('subject', 'nhs', 'urgent')),
  urgency_agreed_by text not null default '',
  call_in_rule text not null default 'call-in',
  published_on date,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, agenda_item_id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id),
  foreign key (partnership_id, agenda_item_id) references agenda_items (partnership_id, id),
  check (call_in <> 'urgent' or length(trim(urgency_agreed_by)) > 0)
);

create table call_in_requests (
  partnership_id bigint not null,
  id bigint generated always as identity,
  decision_id bigint not null,
  user_id bigint references users (id),
  member_name text not null check (length(trim(member_name)) > 0),
  grounds text not null check (length(trim(grounds)) > 0),
  requested_on date not null,
  requested_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, decision_id) references decisions (partnership_id, id)
);
