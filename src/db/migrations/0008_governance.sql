-- Joint-board governance, first slice: boards drawn from the partners, memberships and substitutes, chair
-- rotation, quorum, meetings and their agendas (DOMAIN.md §5 and §7). Attendance, declarations, votes, decisions,
-- call-in and minutes follow in later migrations: they will key on (partnership_id, id) of meetings, agenda items
-- and memberships, which is why each of those has that key.

create table boards (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  name text not null check (length(trim(name)) > 0),
  kind text not null check (kind in ('joint_commissioning_board', 'integrated_commissioning_committee',
    'joint_committee', 'committees_in_common', 'shadow_board', 'health_and_wellbeing_board',
    'overview_and_scrutiny_committee')),
  legal_basis text not null check (length(trim(legal_basis)) > 0),
  description text not null default '',
  chair_rotation text not null default 'fixed'
    check (chair_rotation in ('fixed', 'each_meeting', 'municipal_year', 'schedule')),
  -- the first meeting or municipal year the rotation counts from
  rotation_starts_on date,
  -- the municipal year starts with the council's annual meeting, commonly in May
  municipal_year_start_month smallint not null default 5 check (municipal_year_start_month between 1 and 12),
  -- quorum: voting members present in all, and from each partner (DOMAIN.md §7)
  quorum_total integer not null check (quorum_total >= 1),
  quorum_per_partner integer not null default 0 check (quorum_per_partner >= 0),
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, name),
  check (chair_rotation not in ('each_meeting', 'municipal_year') or rotation_starts_on is not null)
);

-- The partners in the order they take the chair; under a fixed schedule each turn has the date it starts.
create table board_chair_turns (
  partnership_id bigint not null,
  board_id bigint not null,
  position smallint not null check (position >= 1),
  organisation_id bigint not null,
  starts_on date,
  primary key (partnership_id, board_id, position),
  foreign key (partnership_id, board_id) references boards (partnership_id, id) on delete cascade,
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

create table board_memberships (
  partnership_id bigint not null,
  id bigint generated always as identity,
  board_id bigint not null,
  person_name text not null check (length(trim(person_name)) > 0),
  -- the partner that nominated the member, and the post they hold there
  organisation_id bigint not null,
  post_held text not null default '',
  nominated_by text not null default '',
  role text not null check (role in ('chair', 'vice_chair', 'member')),
  voting boolean not null default true,
  term_from date not null,
  term_to date,
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, board_id) references boards (partnership_id, id),
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id),
  check (term_to is null or term_to >= term_from)
);
create index board_memberships_board on board_memberships (partnership_id, board_id);

-- Named substitutes who may stand in for a member (and take their seat, partner and vote) when the member is absent.
create table membership_substitutes (
  partnership_id bigint not null,
  id bigint generated always as identity,
  membership_id bigint not null,
  person_name text not null check (length(trim(person_name)) > 0),
  post_held text not null default '',
  primary key (partnership_id, id),
  foreign key (partnership_id, membership_id) references board_memberships (partnership_id, id) on delete cascade
);

-- Each partner's own key decision threshold (DOMAIN.md §5: set locally, e.g. £150k, £400k, £500k).
create table partner_governance_settings (
  partnership_id bigint not null,
  organisation_id bigint not null,
  key_decision_threshold_pence bigint not null check (key_decision_threshold_pence > 0),
  primary key (partnership_id, organisation_id),
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

create table meetings (
  partnership_id bigint not null,
  id bigint generated always as identity,
  board_id bigint not null,
  meets_on date not null,
  starts_at text not null check (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  venue text not null default '',
  online_link text not null default '' check (online_link = '' or online_link ~ '^https://'),
  status text not null default 'scheduled' check (status in ('scheduled', 'agenda_published', 'held', 'cancelled')),
  agenda_published_on date,
  agenda_published_at timestamptz,
  -- published after the deadline (SI 2012/2089 reg 6), with the chair's reason of urgency unless every item has its own
  agenda_late boolean not null default false,
  agenda_urgency_reason text not null default '',
  agenda_urgency_agreed_by text not null default '',
  cancelled_reason text not null default '',
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, board_id) references boards (partnership_id, id),
  check (length(trim(venue)) > 0 or online_link <> ''),
  check (status not in ('agenda_published', 'held') or agenda_published_on is not null),
  check ((agenda_published_on is null) = (agenda_published_at is null))
);
create index meetings_board_date on meetings (partnership_id, board_id, meets_on);

create table agenda_items (
  partnership_id bigint not null,
  id bigint generated always as identity,
  meeting_id bigint not null,
  number integer not null check (number >= 1),
  title text not null check (length(trim(title)) > 0),
  kind text not null check (kind in ('procedural', 'decision', 'discussion', 'information')),
  report_author text not null default '',
  -- the report's summary and recommendations; never shown to the public when the item is exempt
  summary text not null default '',
  functions text not null check (functions in ('one', 'several', 'all')),
  key_decision boolean not null default false,
  key_on_spend boolean not null default false,
  key_on_wards boolean not null default false,
  spend_pence bigint check (spend_pence >= 0),
  wards_affected integer check (wards_affected >= 0),
  exempt boolean not null default false,
  exempt_paragraph smallint check (exempt_paragraph between 1 and 7),
  public_interest_reason text not null default '',
  -- whether the title itself may be published for an exempt item
  title_published boolean not null default true,
  -- added to a published agenda after its deadline: the chair's reason of urgency is recorded
  late boolean not null default false,
  urgency_reason text not null default '',
  urgency_agreed_by text not null default '',
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, meeting_id, number),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id),
  check (exempt = (exempt_paragraph is not null)),
  check (not exempt or length(trim(public_interest_reason)) > 0),
  check (key_decision = (key_on_spend or key_on_wards)),
  check (not late or (length(trim(urgency_reason)) > 0 and length(trim(urgency_agreed_by)) > 0))
);

-- The partners whose functions an item concerns, when it concerns one or several rather than all.
create table agenda_item_partners (
  partnership_id bigint not null,
  agenda_item_id bigint not null,
  organisation_id bigint not null,
  primary key (partnership_id, agenda_item_id, organisation_id),
  foreign key (partnership_id, agenda_item_id) references agenda_items (partnership_id, id) on delete cascade,
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);
