-- Joint commissioning priorities, commissioning projects and the integrated commissioning unit (issue 6, scopes
-- 1, 2 and 7). Amounts are bigint pence; FTE is held in hundredths (1.00 FTE = 100), shares in basis points.

-- A joint commissioning priority: the strategies it serves (keys of STRATEGIES in src/commissioning/priorities.ts),
-- who owns it and when it is reviewed.
create table commissioning_priorities (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  title text not null check (length(trim(title)) > 0),
  description text not null default '',
  owner_name text not null default '',
  owner_organisation_id bigint,
  owner_user_id bigint references users (id),
  starts_on date,
  review_on date,
  status text not null check (status in ('proposed', 'active', 'achieved', 'closed')),
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, title),
  foreign key (partnership_id, owner_organisation_id) references partnership_members (partnership_id, organisation_id),
  check (review_on is null or starts_on is null or review_on >= starts_on)
);

create table priority_strategies (
  partnership_id bigint not null,
  priority_id bigint not null,
  strategy_key text not null,
  primary key (partnership_id, priority_id, strategy_key),
  foreign key (partnership_id, priority_id) references commissioning_priorities (partnership_id, id) on delete cascade
);

-- The outcome measures (migration 0025) that show a priority's progress.
create table priority_measures (
  partnership_id bigint not null,
  priority_id bigint not null,
  measure_id bigint not null,
  primary key (partnership_id, priority_id, measure_id),
  foreign key (partnership_id, priority_id) references commissioning_priorities (partnership_id, id) on delete cascade,
  foreign key (partnership_id, measure_id) references outcome_measures (partnership_id, id)
);

-- A commissioning project: the priority it serves and where it stands in the commissioning cycle.
create table commissioning_projects (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  title text not null check (length(trim(title)) > 0),
  priority_id bigint,
  description text not null default '',
  stage text not null check (stage in ('analyse', 'plan', 'do', 'review')),
  lead_organisation_id bigint,
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, title),
  foreign key (partnership_id, priority_id) references commissioning_priorities (partnership_id, id),
  foreign key (partnership_id, lead_organisation_id) references partnership_members (partnership_id, organisation_id)
);
create index commissioning_projects_priority on commissioning_projects (partnership_id, priority_id);

-- Services in scope: keys of the service catalogue (SERVICES in src/partnerships/serviceScope.ts).
create table project_services (
  partnership_id bigint not null,
  project_id bigint not null,
  service_key text not null,
  primary key (partnership_id, project_id, service_key),
  foreign key (partnership_id, project_id) references commissioning_projects (partnership_id, id) on delete cascade
);

-- Schemes of the ledger in scope.
create table project_schemes (
  partnership_id bigint not null,
  project_id bigint not null,
  scheme_id bigint not null,
  primary key (partnership_id, project_id, scheme_id),
  foreign key (partnership_id, project_id) references commissioning_projects (partnership_id, id) on delete cascade,
  foreign key (partnership_id, scheme_id) references schemes (partnership_id, id)
);

-- The partners funding a project and how (SI 2000/617 regs 7 to 9; DOMAIN.md §4), with an amount where known.
create table project_funding (
  partnership_id bigint not null,
  project_id bigint not null,
  organisation_id bigint not null,
  arrangement text not null check (arrangement in ('pooled', 'aligned', 'lead_commissioning')),
  amount_pence bigint check (amount_pence >= 0),
  primary key (partnership_id, project_id, organisation_id),
  foreign key (partnership_id, project_id) references commissioning_projects (partnership_id, id) on delete cascade,
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

create table project_appraisals (
  partnership_id bigint not null,
  project_id bigint not null,
  appraisal_id bigint not null,
  primary key (partnership_id, project_id, appraisal_id),
  foreign key (partnership_id, project_id) references commissioning_projects (partnership_id, id) on delete cascade,
  foreign key (partnership_id, appraisal_id) references appraisals (partnership_id, id)
);

create table project_decisions (
  partnership_id bigint not null,
  project_id bigint not null,
  decision_id bigint not null,
  primary key (partnership_id, project_id, decision_id),
  foreign key (partnership_id, project_id) references commissioning_projects (partnership_id, id) on delete cascade,
  foreign key (partnership_id, decision_id) references decisions (partnership_id, id)
);

-- Every move between stages: who, when and why (the audit log holds it too, chained).
create table project_stage_moves (
  partnership_id bigint not null,
  id bigint generated always as identity,
  project_id bigint not null,
  from_stage text check (from_stage in ('analyse', 'plan', 'do', 'review')),
  to_stage text not null check (to_stage in ('analyse', 'plan', 'do', 'review')),
  moved_by text not null,
  moved_at timestamptz not null default now(),
  note text not null default '',
  primary key (partnership_id, id),
  foreign key (partnership_id, project_id) references commissioning_projects (partnership_id, id) on delete cascade
);

-- The savings line's project, where one is recorded (the free-text reference stays for older lines).
alter table savings_lines add column project_id bigint;
alter table savings_lines add constraint savings_lines_project
  foreign key (partnership_id, project_id) references commissioning_projects (partnership_id, id);

-- The integrated commissioning unit, a year at a time: its budget, its host and how its cost is shared.
create table commissioning_unit_years (
  partnership_id bigint not null references partnerships (id),
  financial_year integer not null check (financial_year between 2000 and 2100),
  budget_pence bigint not null check (budget_pence >= 0),
  host_organisation_id bigint,
  sharing_basis text not null check (sharing_basis in ('split', 'contributions')),
  -- the decision that approved the unit and its cost, and what it said of the cost (quoted, with its source)
  decision_id bigint,
  notes text not null default '',
  primary key (partnership_id, financial_year),
  foreign key (partnership_id, decision_id) references decisions (partnership_id, id),
  foreign key (partnership_id, host_organisation_id) references partnership_members (partnership_id, organisation_id)
);

-- An agreed split, in basis points (10000 = 100%); the rows of a year add up to 10000 (checked in code).
create table commissioning_unit_shares (
  partnership_id bigint not null,
  financial_year integer not null,
  organisation_id bigint not null,
  basis_points integer not null check (basis_points between 0 and 10000),
  primary key (partnership_id, financial_year, organisation_id),
  foreign key (partnership_id, financial_year)
    references commissioning_unit_years (partnership_id, financial_year) on delete cascade,
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

-- The unit's posts: each person stays employed by their own organisation (seed 003).
create table commissioning_unit_posts (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  post_title text not null check (length(trim(post_title)) > 0),
  person_name text not null default '',
  employer_organisation_id bigint not null,
  grade text not null default '',
  fte_hundredths integer not null check (fte_hundredths between 1 and 100),
  annual_cost_pence bigint not null check (annual_cost_pence >= 0),
  starts_on date not null,
  ends_on date,
  additional boolean not null default false,
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, employer_organisation_id) references partnership_members (partnership_id, organisation_id),
  check (ends_on is null or ends_on >= starts_on)
);
