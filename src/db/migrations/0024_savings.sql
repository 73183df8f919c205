-- Savings plans (issue 6, scope 5): each line is a saving one partner expects from one of its budgets in a
-- financial year, planned and achieved by month (P1 = April). Amounts are bigint pence.
create table savings_lines (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  financial_year integer not null check (financial_year between 2000 and 2100),
  organisation_id bigint not null,
  budget_line text not null
    check (budget_line in ('adult_social_care', 'public_health', 'childrens_services', 'nhs_commissioner', 'other')),
  description text not null check (length(trim(description)) > 0),
  -- the commissioning project that delivers the saving: a free-text reference until projects are recorded
  project_reference text not null default '',
  saving_type text not null
    check (saving_type in ('cashable', 'cost_avoidance', 'efficiency_shared_estate', 'efficiency_travel',
                           'efficiency_back_office')),
  confidence text not null check (confidence in ('high', 'medium', 'low')),
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);
create index savings_lines_year on savings_lines (partnership_id, financial_year);

-- One row per line and period; achieved is null until a month's achievement is recorded.
create table savings_months (
  partnership_id bigint not null,
  savings_line_id bigint not null,
  period integer not null check (period between 1 and 12),
  planned_pence bigint not null check (planned_pence >= 0),
  achieved_pence bigint check (achieved_pence >= 0),
  primary key (partnership_id, savings_line_id, period),
  foreign key (partnership_id, savings_line_id) references savings_lines (partnership_id, id) on delete cascade
);
