-- Procurements (issue 6, scope 3): a partnership's competitive (or direct-award) procurement of services.
--   procurements            one procurement: reference, procedure, regime (the law it runs under) and timetable
--                           dates; status is derived from the dates, the awards and cancelled_on (never stored).
--   procurement_funding     the procurement's value by funding partner (a member of the partnership), in pence;
--                           the procurement's total value is the sum of these rows.
--   procurement_schemes     the schemes (services) in scope, optional.
--   procurement_lots        the lots the procurement is divided into, numbered from 1, each with an estimated
--                           value, the scale its quality scores use (0 to 5 or 0 to 100) and how price is scored.
--   procurement_bids        a bid for one lot: its name, structure (single provider, alliance, or lead provider
--                           with subcontractors) and price in pence.
--   procurement_bid_members the providers in a bid: the sole provider, the alliance members, or the lead and its
--                           subcontractors; share_bp is each one's share of the bid's value in basis points.
--   procurement_criteria    evaluation criteria per lot (quality, price, social value) with relative weights.
--   procurement_scores      one evaluator score per bid per criterion, with who scored it and when.
--   procurement_awards      the award of a lot to one bid: award date, standstill end, awarded value and the
--                           governance decision that made it.
-- Amounts are bigint pence; shares are integer basis points (10000 = 100%).
create table procurements (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  reference text not null check (length(trim(reference)) > 0),
  title text not null check (length(trim(title)) > 0),
  description text not null default '',
  procedure text not null
    check (procedure in ('open', 'restricted', 'competitive_negotiation', 'competitive_dialogue',
                         'innovation_partnership', 'light_touch', 'competitive_flexible',
                         'psr_direct_award_a', 'psr_direct_award_b', 'psr_direct_award_c',
                         'psr_most_suitable_provider', 'psr_competitive')),
  regime text not null check (regime in ('pcr_2015', 'procurement_act_2023', 'psr_2023')),
  publication_on date,
  clarification_deadline_on date,
  submission_deadline_on date,
  evaluation_end_on date,
  award_decision_on date,
  standstill_end_on date,
  contract_start_on date,
  cancelled_on date,
  cancelled_reason text not null default '',
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, reference)
);

create table procurement_funding (
  partnership_id bigint not null,
  procurement_id bigint not null,
  organisation_id bigint not null,
  amount_pence bigint not null check (amount_pence >= 0),
  primary key (partnership_id, procurement_id, organisation_id),
  foreign key (partnership_id, procurement_id) references procurements (partnership_id, id) on delete cascade,
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

create table procurement_schemes (
  partnership_id bigint not null,
  procurement_id bigint not null,
  scheme_id bigint not null,
  primary key (partnership_id, procurement_id, scheme_id),
  foreign key (partnership_id, procurement_id) references procurements (partnership_id, id) on delete cascade,
  foreign key (partnership_id, scheme_id) references schemes (partnership_id, id)
);

create table procurement_lots (
  partnership_id bigint not null,
  id bigint generated always as identity,
  procurement_id bigint not null,
  lot_number integer not null check (lot_number between 1 and 999),
  title text not null check (length(trim(title)) > 0),
  description text not null default '',
  estimated_value_pence bigint check (estimated_value_pence >= 0),
  score_scale_max integer not null default 5 check (score_scale_max in (5, 100)),
  price_scoring text not null default 'lowest_price_ratio' check (price_scoring in ('lowest_price_ratio', 'scored')),
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, procurement_id, lot_number),
  foreign key (partnership_id, procurement_id) references procurements (partnership_id, id) on delete cascade
);

create table procurement_bids (
  partnership_id bigint not null,
  id bigint generated always as identity,
  procurement_id bigint not null,
  lot_id bigint not null,
  bidder_name text not null check (length(trim(bidder_name)) > 0),
  structure text not null check (structure in ('single', 'alliance', 'lead_with_subcontractors')),
  price_pence bigint check (price_pence >= 0),
  submitted_on date,
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, procurement_id) references procurements (partnership_id, id) on delete cascade,
  foreign key (partnership_id, lot_id) references procurement_lots (partnership_id, id) on delete cascade
);

create table procurement_bid_members (
  partnership_id bigint not null,
  bid_id bigint not null,
  position integer not null check (position >= 1),
  role text not null check (role in ('sole', 'member', 'lead', 'subcontractor')),
  provider_name text not null check (length(trim(provider_name)) > 0),
  companies_house_number text,
  charity_number text,
  organisation_id bigint references organisations (id),
  share_bp integer not null check (share_bp between 0 and 10000),
  primary key (partnership_id, bid_id, position),
  foreign key (partnership_id, bid_id) references procurement_bids (partnership_id, id) on delete cascade
);

create table procurement_criteria (
  partnership_id bigint not null,
  id bigint generated always as identity,
  procurement_id bigint not null,
  lot_id bigint not null,
  position integer not null check (position >= 1),
  name text not null check (length(trim(name)) > 0),
  category text not null check (category in ('quality', 'price', 'social_value')),
  weight integer not null check (weight > 0 and weight <= 10000),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, lot_id, position),
  foreign key (partnership_id, procurement_id) references procurements (partnership_id, id) on delete cascade,
  foreign key (partnership_id, lot_id) references procurement_lots (partnership_id, id) on delete cascade
);

create table procurement_scores (
  partnership_id bigint not null,
  bid_id bigint not null,
  criterion_id bigint not null,
  score integer not null check (score between 0 and 100),
  comment text not null default '',
  scored_by bigint references users (id),
  scored_by_name text not null default '',
  scored_at timestamptz not null default now(),
  primary key (partnership_id, bid_id, criterion_id),
  foreign key (partnership_id, bid_id) references procurement_bids (partnership_id, id) on delete cascade,
  foreign key (partnership_id, criterion_id) references procurement_criteria (partnership_id, id) on delete cascade
);

create table procurement_awards (
  partnership_id bigint not null,
  id bigint generated always as identity,
  procurement_id bigint not null,
  lot_id bigint not null,
  bid_id bigint not null,
  awarded_on date not null,
  standstill_end_on date,
  value_pence bigint check (value_pence >= 0),
  decision_id bigint,
  notes text not null default '',
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, lot_id),
  foreign key (partnership_id, procurement_id) references procurements (partnership_id, id) on delete cascade,
  foreign key (partnership_id, lot_id) references procurement_lots (partnership_id, id) on delete cascade,
  foreign key (partnership_id, bid_id) references procurement_bids (partnership_id, id) on delete cascade,
  foreign key (partnership_id, decision_id) references decisions (partnership_id, id)
);
create index procurement_bids_lot on procurement_bids (partnership_id, lot_id);
