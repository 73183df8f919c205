-- The conduct of a meeting (DOMAIN.md §5-§7): who attended (in person, by a named substitute who takes the seat,
-- partner and vote, or not at all), the interests declared on each item and what the member did, the motion on
-- an item with its mover and seconder, each member's recorded vote, and the minutes: drafted item by item, then
-- approved at the next meeting of the same board. Each row keys on (partnership_id, id) of the meeting, item and
-- membership it concerns. A substitute is recorded by name: the membership's list of substitutes may change later.

create table meeting_attendance (
  partnership_id bigint not null,
  meeting_id bigint not null,
  membership_id bigint not null,
  presence text not null check (presence in ('present', 'apologies', 'absent', 'substitute')),
  substitute_name text not null default '',
  recorded_at timestamptz not null default now(),
  primary key (partnership_id, meeting_id, membership_id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id),
  foreign key (partnership_id, membership_id) references board_memberships (partnership_id, id),
  check ((presence = 'substitute') = (length(trim(substitute_name)) > 0))
);

-- Declarations of interest made at the meeting, item by item, with the action the chair decided (DOMAIN.md §6).
create table item_declarations (
  partnership_id bigint not null,
  id bigint generated always as identity,
  meeting_id bigint not null,
  agenda_item_id bigint not null,
  -- the seat: the member, or the named substitute sitting in their place
  membership_id bigint not null,
  interest text not null check (length(trim(interest)) > 0),
  action text not null check (action in ('noted', 'did-not-vote', 'left-room', 'dispensation')),
  dispensation_reference text not null default '',
  dispensation_granted_by text not null default '',
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id),
  foreign key (partnership_id, agenda_item_id) references agenda_items (partnership_id, id),
  foreign key (partnership_id, membership_id) references board_memberships (partnership_id, id),
  check (action <> 'dispensation'
    or (length(trim(dispensation_reference)) > 0 and length(trim(dispensation_granted_by)) > 0))
);
create index item_declarations_meeting on item_declarations (partnership_id, meeting_id);

-- One motion per item, moved and seconded by two different members in the room.
create table item_motions (
  partnership_id bigint not null,
  id bigint generated always as identity,
  meeting_id bigint not null,
  agenda_item_id bigint not null,
  motion text not null check (length(trim(motion)) > 0),
  mover_membership_id bigint not null,
  seconder_membership_id bigint not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, agenda_item_id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id),
  foreign key (partnership_id, agenda_item_id) references agenda_items (partnership_id, id),
  foreign key (partnership_id, mover_membership_id) references board_memberships (partnership_id, id),
  foreign key (partnership_id, seconder_membership_id) references board_memberships (partnership_id, id),
  check (mover_membership_id <> seconder_membership_id)
);

create table item_votes (
  partnership_id bigint not null,
  motion_id bigint not null,
  membership_id bigint not null,
  vote text not null check (vote in ('for', 'against', 'abstain')),
  primary key (partnership_id, motion_id, membership_id),
  foreign key (partnership_id, motion_id) references item_motions (partnership_id, id) on delete cascade,
  foreign key (partnership_id, membership_id) references board_memberships (partnership_id, id)
);

-- The minutes of a meeting: drafted, then approved at the next meeting of the same board (and frozen).
create table meeting_minutes (
  partnership_id bigint not null,
  id bigint generated always as identity,
  meeting_id bigint not null,
  approved_at_meeting_id bigint,
  approved_on date,
  approved_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, meeting_id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id),
  foreign key (partnership_id, approved_at_meeting_id) references meetings (partnership_id, id),
  check ((approved_at_meeting_id is null) = (approved_on is null)),
  check (approved_at_meeting_id is null or approved_at_meeting_id <> meeting_id)
);

create table minute_items (
  partnership_id bigint not null,
  minutes_id bigint not null,
  agenda_item_id bigint not null,
  text text not null default '',
  primary key (partnership_id, minutes_id, agenda_item_id),
  foreign key (partnership_id, minutes_id) references meeting_minutes (partnership_id, id),
  foreign key (partnership_id, agenda_item_id) references agenda_items (partnership_id, id)
);
