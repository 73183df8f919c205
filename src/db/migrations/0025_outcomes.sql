-- Outcome measures (issue 6, scope 6): the definitions a partnership tracks (Better Care Fund metrics, ASCOF and
-- PHOF measures, local counts; DOMAIN.md §9), their values by period, targets or trajectories by period, and the
-- interventions whose start is marked on the charts. Periods are text in one canonical form per frequency
-- ('2016-04' monthly, '2016-17 Q1' quarterly, '2016-17' annual) with the first day of the period beside them for
-- ordering. Numerators and denominators are counts or measures, not money: numeric, never float.
create table outcome_measures (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
  -- the catalogue entry the measure was added from; null for a measure the partnership defined itself
  catalogue_code text,
  version text not null default '',
  name text not null check (length(trim(name)) > 0),
  numerator_description text not null check (length(trim(numerator_description)) > 0),
  -- empty when the measure is a count with no denominator
  denominator_description text not null default '',
  multiplier integer not null check (multiplier in (1, 100, 1000, 100000)),
  standardisation text not null check (standardisation in ('crude', 'directly_age_standardised', 'indirectly_standardised')),
  unit text not null check (length(trim(unit)) > 0),
  polarity text not null check (polarity in ('higher_is_better', 'lower_is_better')),
  source text not null check (source in ('salt_cld', 'hes', 'ons', 'sus', 'nhse', 'local')),
  frequency text not null check (frequency in ('monthly', 'quarterly', 'annual')),
  decimals integer not null default 1 check (decimals between 0 and 4),
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, code)
);

-- One value per measure and period. Replacing a value (an import with "replace existing values") updates the row;
-- the audit log keeps what it was.
create table outcome_values (
  partnership_id bigint not null,
  measure_id bigint not null,
  period text not null,
  period_start date not null,
  numerator numeric not null check (numerator >= 0),
  denominator numeric check (denominator > 0),
  -- the rate as published, for a standardised measure whose value is not numerator / denominator x multiplier
  published_value numeric,
  illustrative boolean not null default false,
  recorded_at timestamptz not null default now(),
  primary key (partnership_id, measure_id, period),
  foreign key (partnership_id, measure_id) references outcome_measures (partnership_id, id) on delete cascade
);
create index outcome_values_order on outcome_values (partnership_id, measure_id, period_start);

-- The target (or trajectory, when it changes period by period) in the measure's own unit, after the multiplier.
create table outcome_targets (
  partnership_id bigint not null,
  measure_id bigint not null,
  period text not null,
  period_start date not null,
  target numeric not null,
  primary key (partnership_id, measure_id, period),
  foreign key (partnership_id, measure_id) references outcome_measures (partnership_id, id) on delete cascade
);

-- A change in services whose start is marked on the measure's charts, and from which control limits may be
-- recalculated.
create table outcome_interventions (
  partnership_id bigint not null,
  id bigint generated always as identity,
  measure_id bigint not null,
  started_on date not null,
  label text not null check (length(trim(label)) > 0),
  description text not null default '',
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, measure_id) references outcome_measures (partnership_id, id) on delete cascade
);
create index outcome_interventions_measure on outcome_interventions (partnership_id, measure_id, started_on);
