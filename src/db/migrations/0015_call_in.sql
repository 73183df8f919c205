-- Call-in after the request, per-partner constitution settings, and one-off bank holiday changes (DOMAIN.md §5).

-- One-off bank holiday changes declared by proclamation after the built-in list in src/kernel/bankHolidays.ts,
-- added by a system administrator. Every date computation uses the built-in changes and these.
create table bank_holiday_changes (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('extra', 'moved')),
  holiday_on date not null unique,
  replaces date,
  name text not null check (length(trim(name)) > 0),
  proclamation text not null check (length(trim(proclamation)) > 0),
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  check ((kind = 'moved') = (replaces is not null))
);

-- A partner's call-in terms under its constitution (its key decision threshold is in partner_governance_settings).
create table partner_call_in_settings (
  partnership_id bigint not null,
  organisation_id bigint not null,
  subject_to_call_in boolean not null,
  call_in_rule text not null,
  call_in_days integer check (call_in_days between 1 and 30),
  call_in_counting text check (call_in_counting in ('clear-days', 'clear-working-days')),
  members_required integer not null check (members_required between 1 and 20),
  primary key (partnership_id, organisation_id),
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

-- The terms a decision was recorded under, taken from the deciding partner's settings at the time.
create table decision_call_in_terms (
  partnership_id bigint not null,
  decision_id bigint not null,
  organisation_id bigint not null,
  rule_name text not null,
  days integer not null check (days >= 0),
  counting text not null check (counting in ('clear-days', 'clear-working-days')),
  notice_lag_working_days integer not null check (notice_lag_working_days >= 0),
  takes_effect text not null check (takes_effect in ('next-working-day', 'next-day')),
  rule_summary text not null,
  rule_source text not null,
  members_required integer not null check (members_required >= 1),
  primary key (partnership_id, decision_id),
  foreign key (partnership_id, decision_id) references decisions (partnership_id, id),
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

-- The steps of a call-in after the request, append-only: validity, the scrutiny meeting, its outcome, full
-- council's result, and the decision maker's reconsideration.
create table call_in_steps (
  partnership_id bigint not null,
  id bigint generated always as identity,
  decision_id bigint not null,
  kind text not null check (kind in ('validity', 'scrutiny-meeting', 'outcome', 'council', 'reconsidered')),
  occurred_on date not null,
  valid boolean,
  reasons text not null default '',
  meeting_id bigint,
  committee text not null default '',
  outcome text check (outcome in ('no-further-action', 'referred-back', 'referred-to-council')),
  result text check (result in ('no-objection', 'referred-back', 'confirmed', 'amended')),
  decision_text text not null default '',
  notes text not null default '',
  user_id bigint references users (id),
  recorded_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, decision_id) references decisions (partnership_id, id),
  foreign key (partnership_id, meeting_id) references meetings (partnership_id, id),
  check (kind <> 'validity' or valid is not null),
  check (kind <> 'outcome' or outcome is not null),
  check (kind not in ('council', 'reconsidered') or result is not null)
);
create index call_in_steps_decision on call_in_steps (partnership_id, decision_id, id);
