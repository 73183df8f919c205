-- Registers of interests, gifts and hospitality, and the providers an agenda item names (DOMAIN.md §6). A joint
-- board holds both regimes side by side: a council's members under the Localism Act 2011 ss29-34 and SI 2012/1464,
-- NHS nominees under NHS England's "Managing conflicts of interest in the NHS". The regime of an entry is fixed
-- when it is entered, from the kind of the organisation that nominated the member. Entries are drafts until a
-- democratic services officer reviews them; only reviewed entries reach the public register.

create table interest_entries (
  partnership_id bigint not null,
  id bigint generated always as identity,
  membership_id bigint not null,
  regime text not null check (regime in ('localism', 'nhs')),
  category text not null check (length(trim(category)) > 0),
  description text not null check (length(trim(description)) > 0),
  -- the organisation or provider the interest names, as typed, and normalised for matching agenda items
  counterparty text not null default '',
  counterparty_key text not null default '',
  from_on date not null,
  to_on date,
  -- Localism Act 2011 s32: details withheld from the published register, which says only that one is withheld
  sensitive boolean not null default false,
  status text not null default 'draft' check (status in ('draft', 'reviewed')),
  reviewed_by text not null default '',
  reviewed_by_user_id bigint references users (id),
  reviewed_at timestamptz,
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, membership_id) references board_memberships (partnership_id, id),
  check (to_on is null or to_on >= from_on),
  check ((status = 'reviewed') = (reviewed_at is not null)),
  check (status = 'draft' or length(trim(reviewed_by)) > 0)
);
create index interest_entries_member on interest_entries (partnership_id, membership_id);
create index interest_entries_counterparty on interest_entries (partnership_id, counterparty_key);

create table gifts_hospitality (
  partnership_id bigint not null,
  id bigint generated always as identity,
  membership_id bigint not null,
  regime text not null check (regime in ('localism', 'nhs')),
  kind text not null check (kind in ('gift', 'hospitality')),
  -- who offered it: NHS guidance sets different limits for suppliers and contractors, and for patients
  source text not null check (source in ('supplier', 'patient', 'other')),
  description text not null check (length(trim(description)) > 0),
  offered_by text not null check (length(trim(offered_by)) > 0),
  value_pence bigint not null check (value_pence >= 0),
  offered_on date not null,
  accepted boolean not null,
  status text not null default 'draft' check (status in ('draft', 'reviewed')),
  reviewed_by text not null default '',
  reviewed_by_user_id bigint references users (id),
  reviewed_at timestamptz,
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, membership_id) references board_memberships (partnership_id, id),
  check ((status = 'reviewed') = (reviewed_at is not null)),
  check (status = 'draft' or length(trim(reviewed_by)) > 0)
);
create index gifts_hospitality_member on gifts_hospitality (partnership_id, membership_id);

-- The providers (or other organisations) an agenda item concerns, for flagging likely conflicts.
create table agenda_item_providers (
  partnership_id bigint not null,
  agenda_item_id bigint not null,
  position smallint not null check (position >= 1),
  name text not null check (length(trim(name)) > 0),
  name_key text not null check (length(name_key) > 0),
  primary key (partnership_id, agenda_item_id, position),
  unique (partnership_id, agenda_item_id, name_key),
  foreign key (partnership_id, agenda_item_id) references agenda_items (partnership_id, id) on delete cascade
);
