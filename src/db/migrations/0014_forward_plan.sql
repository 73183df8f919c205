-- The forward plan and delegated decisions (DOMAIN.md §5; SI 2012/2089 regs 9, 10, 11 and 13).
--
-- A forward plan entry is the notice of a key decision (reg 9): the matter, the decision maker, the date or period
-- of the decision, the documents submitted and how to get them, that other documents may be submitted, and whether
-- the matter will be taken in private and why (the first notice of reg 5). It is public from the day it is first
-- published; the 28 clear days are counted from that day to the decision and are computed, not stored.
-- Where 28 clear days are impracticable, a general exception (reg 10) or special urgency (reg 11) is recorded
-- against the entry with its notices: who was told or agreed, when, and the reasons.
--
-- Decisions may now be taken by an individual member (or officer) acting under delegation (reg 13), with no
-- meeting: such a decision names its board, its decision maker and the delegation they act under. A check makes
-- sure each decision is complete in exactly one of the two forms.

create table forward_plan_entries (
  partnership_id bigint not null,
  id bigint generated always as identity,
  board_id bigint not null,
  matter text not null check (length(trim(matter)) > 0),
  -- more about the matter; left off the public plan when the matter is to be taken in private
  summary text not null default '',
  -- the decision maker: the body with its members listed, or the individual member and their delegation
  decision_maker text not null check (length(trim(decision_maker)) > 0),
  -- the date of the decision, or the first and last days of the period within which it is to be made
  decision_from date not null,
  decision_to date not null,
  documents text not null check (length(trim(documents)) > 0),
  documents_from text not null check (length(trim(documents_from)) > 0),
  other_documents text not null check (length(trim(other_documents)) > 0),
  private boolean not null default false,
  exempt_paragraph integer check (exempt_paragraph between 1 and 7),
  private_reason text not null default '',
  first_published_on date,
  first_published_at timestamptz,
  meeting_id bigint,
  agenda_item_id bigint,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, agenda_item_id),
  foreign key (partnership_id, board_id) references boards (partnership_id, id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id),
  foreign key (partnership_id, agenda_item_id) references agenda_items (partnership_id, id),
  check (decision_from <= decision_to),
  check (agenda_item_id is null or meeting_id is not null),
  check (not private or (exempt_paragraph is not null and length(trim(private_reason)) > 0)),
  check ((first_published_on is null) = (first_published_at is null))
);

create table key_decision_exceptions (
  partnership_id bigint not null,
  id bigint generated always as identity,
  forward_plan_entry_id bigint not null,
  route text not null check (route in ('general-exception', 'special-urgency')),
  -- why 28 clear days' notice is impracticable (reg 10), or why the decision is urgent and cannot reasonably be
  -- deferred (reg 11)
  reasons text not null check (length(trim(reasons)) > 0),
  -- reg 10: the chair of the relevant scrutiny committee informed in writing, and when
  scrutiny_chair_informed text not null default '',
  scrutiny_chair_informed_on date,
  -- reg 11: who agreed that the decision is urgent, in which capacity, and when
  agreed_by text not null default '',
  agreed_by_role text check (agreed_by_role in ('scrutiny-chair', 'council-chair', 'council-vice-chair')),
  agreed_on date,
  -- both: the notice made available at the offices and published on the website
  notice_published_on date not null,
  recorded_by_user_id bigint references users (id),
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, forward_plan_entry_id) references forward_plan_entries (partnership_id, id),
  check (
    route <> 'general-exception'
    or (length(trim(scrutiny_chair_informed)) > 0 and scrutiny_chair_informed_on is not null)
  ),
  check (
    route <> 'special-urgency'
    or (length(trim(agreed_by)) > 0 and agreed_by_role is not null and agreed_on is not null
        and notice_published_on >= agreed_on)
  )
);

alter table decisions alter column meeting_id drop not null;
alter table decisions alter column agenda_item_id drop not null;
alter table decisions add column board_id bigint;
-- a decision at a meeting takes its subject from its agenda item; a delegated decision states its own
alter table decisions add column subject text not null default '';
alter table decisions add column delegated_to text not null default '';
alter table decisions add column delegation_authority text not null default '';
alter table decisions add column delegate_membership_id bigint;
-- a delegated decision says itself whether it is key (a decision at a meeting takes it from its agenda item)
alter table decisions add column key_decision boolean not null default false;
alter table decisions add column forward_plan_entry_id bigint;
alter table decisions add constraint decisions_board_fk
  foreign key (partnership_id, board_id) references boards (partnership_id, id);
alter table decisions add constraint decisions_delegate_membership_fk
  foreign key (partnership_id, delegate_membership_id) references board_memberships (partnership_id, id);
alter table decisions add constraint decisions_forward_plan_entry_fk
  foreign key (partnership_id, forward_plan_entry_id) references forward_plan_entries (partnership_id, id);
alter table decisions add constraint decisions_one_complete_form check (
  (meeting_id is not null and agenda_item_id is not null and board_id is null
    and subject = '' and delegated_to = '' and delegation_authority = '' and delegate_membership_id is null)
  or
  (meeting_id is null and agenda_item_id is null and board_id is not null and length(trim(subject)) > 0
    and length(trim(delegated_to)) > 0 and length(trim(delegation_authority)) > 0)
);
