-- Manual forecasts and the monitoring reports published to the board (issue 3, scope 5).

-- A forecast outturn recorded by a finance officer for a scheme (and, optionally, one funding partner) as at a
-- period, with the commentary that explains it and who wrote it. Never changed in place: a new forecast
-- supersedes the old, and the report uses the latest recorded for its period or before.
create table scheme_forecasts (
  partnership_id bigint not null,
  id bigint generated always as identity,
  fund_id bigint not null,
  scheme_id bigint not null,
  -- null: the whole scheme, shared between its partners in proportion to their budgets
  organisation_id bigint,
  period smallint not null check (period between 1 and 12),
  outturn_pence bigint not null,
  commentary text not null check (length(trim(commentary)) > 0),
  author text not null,
  author_user_id bigint references users (id),
  recorded_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id),
  foreign key (partnership_id, scheme_id) references schemes (partnership_id, id),
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);
create index scheme_forecasts_fund on scheme_forecasts (partnership_id, fund_id, period);
create trigger scheme_forecasts_append_only before update or delete on scheme_forecasts
  for each row execute function ledger_append_only();

-- A monitoring report as published to the board: its figures frozen as a snapshot, so that later imports and
-- forecasts do not change what the board saw. One publication per fund and period.
create table monitoring_reports (
  partnership_id bigint not null,
  id bigint generated always as identity,
  fund_id bigint not null,
  period smallint not null check (period between 1 and 12),
  method text not null check (method in ('run-rate', 'profile')),
  snapshot jsonb not null,
  total_budget_pence bigint not null,
  total_actual_pence bigint not null,
  total_forecast_pence bigint not null,
  published_by text not null,
  published_by_user_id bigint references users (id),
  published_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, fund_id, period),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id)
);
create trigger monitoring_reports_append_only before update or delete on monitoring_reports
  for each row execute function ledger_append_only();
