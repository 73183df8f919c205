-- Option appraisals (issue 5): options, stages and each option's status at each stage, a criteria tree per stage
-- with weights stored exactly in basis points of their level, and scores by assessor with rationale and
-- evidence. Scores are never changed in place: a new score by the same assessor supersedes the earlier one, so
-- the table is the scoring history. A frozen appraisal (once the board decides) refuses every change, checked
-- here by triggers as well as in the store.

create table appraisals (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  title text not null check (length(trim(title)) > 0),
  proposal text not null default '',
  status text not null default 'draft' check (status in ('draft', 'frozen')),
  -- the decision that the appraisal informed (a reference until governance decisions land)
  decision_reference text,
  -- how several assessors' scores for one cell are combined
  combination text not null default 'mean' check (combination in ('mean', 'median')),
  illustrative boolean not null default false,
  created_by text not null,
  created_at timestamptz not null default now(),
  frozen_at timestamptz,
  primary key (partnership_id, id),
  unique (id),
  check ((status = 'frozen') = (frozen_at is not null))
);

create table appraisal_options (
  partnership_id bigint not null,
  id bigint generated always as identity,
  appraisal_id bigint not null,
  name text not null check (length(trim(name)) > 0),
  description text not null default '',
  position integer not null,
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, appraisal_id, name),
  foreign key (partnership_id, appraisal_id) references appraisals (partnership_id, id)
);

create table appraisal_stages (
  partnership_id bigint not null,
  id bigint generated always as identity,
  appraisal_id bigint not null,
  name text not null check (length(trim(name)) > 0),
  description text not null default '',
  position integer not null,
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, appraisal_id, name),
  foreign key (partnership_id, appraisal_id) references appraisals (partnership_id, id)
);

-- Each option's status at a stage: carried forward, rejected (with the reason), or preferred.
create table appraisal_option_stages (
  partnership_id bigint not null,
  appraisal_id bigint not null,
  stage_id bigint not null,
  option_id bigint not null,
  status text not null check (status in ('carried_forward', 'rejected', 'preferred')),
  reason text not null default '',
  primary key (partnership_id, stage_id, option_id),
  foreign key (partnership_id, appraisal_id) references appraisals (partnership_id, id),
  foreign key (partnership_id, stage_id) references appraisal_stages (partnership_id, id),
  foreign key (partnership_id, option_id) references appraisal_options (partnership_id, id),
  check (status <> 'rejected' or length(trim(reason)) > 0)
);

-- A criterion of a stage: a group (it has children) or a scored criterion with its scale. weight_bp is its share
-- of its level in basis points; the levels must total 10,000 before results are shown (checked by the rules,
-- since a level is entered one criterion at a time).
create table appraisal_criteria (
  partnership_id bigint not null,
  id bigint generated always as identity,
  appraisal_id bigint not null,
  stage_id bigint not null,
  parent_id bigint,
  name text not null check (length(trim(name)) > 0),
  description text not null default '',
  weight_bp integer not null check (weight_bp between 0 and 10000),
  position integer not null,
  scale_kind text not null default 'points' check (scale_kind in ('points', 'money')),
  scale_min double precision not null default 0,
  scale_max double precision not null default 10,
  higher_is_better boolean not null default true,
  -- labelled levels of a points scale: [{"value": 1, "label": "Poor"}, ...]
  scale_levels jsonb not null default '[]',
  worst_pence bigint,
  best_pence bigint,
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, appraisal_id) references appraisals (partnership_id, id),
  foreign key (partnership_id, stage_id) references appraisal_stages (partnership_id, id),
  foreign key (partnership_id, parent_id) references appraisal_criteria (partnership_id, id),
  check (scale_kind = 'points' and scale_max > scale_min
      or scale_kind = 'money' and worst_pence is not null and best_pence is not null and worst_pence <> best_pence)
);

-- One assessor's score for one option on one criterion. Append-only: the latest row per assessor counts.
create table appraisal_scores (
  partnership_id bigint not null,
  id bigint generated always as identity,
  appraisal_id bigint not null,
  criterion_id bigint not null,
  option_id bigint not null,
  score double precision not null check (score = score and score not in ('Infinity', '-Infinity')),
  rationale text not null default '',
  evidence_url text not null default '',
  assessor text not null check (length(trim(assessor)) > 0),
  assessor_user_id bigint references users (id),
  scored_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, appraisal_id) references appraisals (partnership_id, id),
  foreign key (partnership_id, criterion_id) references appraisal_criteria (partnership_id, id),
  foreign key (partnership_id, option_id) references appraisal_options (partnership_id, id)
);
create index appraisal_scores_cell on appraisal_scores (partnership_id, appraisal_id, criterion_id, option_id);

create function appraisal_scores_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'appraisal scores are append-only: record a new score instead';
end;
$$;
create trigger appraisal_scores_append_only before update or delete on appraisal_scores
  for each row execute function appraisal_scores_append_only();

-- Nothing about a frozen appraisal may change: its options, stages, criteria, weights and scores are the record
-- the board decided on.
create function appraisal_refuse_if_frozen() returns trigger language plpgsql as $$
declare
  row_partnership bigint;
  row_appraisal bigint;
  current_status text;
begin
  if tg_op = 'DELETE' then
    row_partnership := old.partnership_id;
    row_appraisal := old.appraisal_id;
  else
    row_partnership := new.partnership_id;
    row_appraisal := new.appraisal_id;
  end if;
  select status into current_status from appraisals where partnership_id = row_partnership and id = row_appraisal;
  if current_status = 'frozen' then
    raise exception 'appraisal % is frozen: it cannot change', row_appraisal;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger appraisal_options_frozen before insert or update or delete on appraisal_options
  for each row execute function appraisal_refuse_if_frozen();
create trigger appraisal_stages_frozen before insert or update or delete on appraisal_stages
  for each row execute function appraisal_refuse_if_frozen();
create trigger appraisal_option_stages_frozen before insert or update or delete on appraisal_option_stages
  for each row execute function appraisal_refuse_if_frozen();
create trigger appraisal_criteria_frozen before insert or update or delete on appraisal_criteria
  for each row execute function appraisal_refuse_if_frozen();
create trigger appraisal_scores_frozen before insert on appraisal_scores
  for each row execute function appraisal_refuse_if_frozen();

-- A frozen appraisal itself stays as it was, and is never deleted.
create function appraisals_frozen_stays() returns trigger language plpgsql as $$
begin
  if old.status = 'frozen' then
    raise exception 'appraisal % is frozen: it cannot change', old.id;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger appraisals_frozen_stays before update or delete on appraisals
  for each row execute function appraisals_frozen_stays();
