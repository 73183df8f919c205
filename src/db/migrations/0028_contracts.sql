-- The contracts register (issue 6, scope 4).
--   contracts                    one contract of a partnership: reference, title, the partner that signs it (the
--                                buyer), the provider (with its Companies House or charity number, SME and VCSE
--                                flags, as the Local Government Transparency Code 2015 asks: DOMAIN.md §10), the
--                                scheme it is paid from, start, end and review dates, irrecoverable VAT, how it was
--                                let, and optionally the procurement, lot and award it came from and the decision
--                                that approved it.
--   contract_services            the services of the partnership's service scope catalogue it provides (the keys of
--                                src/partnerships/serviceScope.ts, which is data in code).
--   contract_extension_options   options to extend, in order, each a number of months, exercised_on once exercised.
--   contract_value_lines         the value per financial year, per funding partner and per fund arrangement.
--   contract_kpis                key performance indicators.
-- Amounts are bigint pence.
create table contracts (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  reference text not null check (length(trim(reference)) > 0),
  title text not null check (length(trim(title)) > 0),
  description text not null default '',
  department text not null default '',
  buyer_organisation_id bigint not null,
  provider_name text not null check (length(trim(provider_name)) > 0),
  provider_companies_house_number text check (provider_companies_house_number ~ '^[A-Z0-9]{8}$'),
  provider_charity_number text check (provider_charity_number ~ '^[0-9]{6,8}(-[0-9]{1,2})?$'),
  provider_sme boolean not null,
  provider_vcse boolean not null,
  scheme_id bigint,
  starts_on date not null,
  ends_on date not null,
  review_on date,
  irrecoverable_vat_pence bigint not null default 0 check (irrecoverable_vat_pence >= 0),
  procurement_route text not null
    check (procurement_route in ('invitation_to_quote', 'published_tender', 'direct_award')),
  procurement_id bigint,
  lot_id bigint,
  award_id bigint,
  decision_id bigint,
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, reference),
  check (ends_on >= starts_on),
  check (lot_id is null or procurement_id is not null),
  check (award_id is null or lot_id is not null),
  foreign key (partnership_id, buyer_organisation_id) references partnership_members (partnership_id, organisation_id),
  foreign key (partnership_id, scheme_id) references schemes (partnership_id, id),
  -- a procurement, lot, award or decision removed leaves the contract without the link, not removed with it
  foreign key (partnership_id, procurement_id) references procurements (partnership_id, id)
    on delete set null (procurement_id),
  foreign key (partnership_id, lot_id) references procurement_lots (partnership_id, id) on delete set null (lot_id),
  foreign key (partnership_id, award_id) references procurement_awards (partnership_id, id)
    on delete set null (award_id),
  foreign key (partnership_id, decision_id) references decisions (partnership_id, id) on delete set null (decision_id)
);
create index contracts_ends on contracts (partnership_id, ends_on);

create table contract_services (
  partnership_id bigint not null,
  contract_id bigint not null,
  service_key text not null,
  primary key (partnership_id, contract_id, service_key),
  foreign key (partnership_id, contract_id) references contracts (partnership_id, id) on delete cascade
);

create table contract_extension_options (
  partnership_id bigint not null,
  contract_id bigint not null,
  position integer not null check (position >= 1),
  months integer not null check (months between 1 and 120),
  exercised_on date,
  primary key (partnership_id, contract_id, position),
  foreign key (partnership_id, contract_id) references contracts (partnership_id, id) on delete cascade
);

create table contract_value_lines (
  partnership_id bigint not null,
  contract_id bigint not null,
  financial_year integer not null check (financial_year between 2000 and 2100),
  organisation_id bigint not null,
  arrangement text not null check (arrangement in ('pooled', 'aligned', 'lead_commissioned')),
  amount_pence bigint not null check (amount_pence >= 0),
  primary key (partnership_id, contract_id, financial_year, organisation_id, arrangement),
  foreign key (partnership_id, contract_id) references contracts (partnership_id, id) on delete cascade,
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

create table contract_kpis (
  partnership_id bigint not null,
  id bigint generated always as identity,
  contract_id bigint not null,
  name text not null check (length(trim(name)) > 0),
  target text not null check (target ~ '^-?[0-9]{1,9}(\.[0-9]{1,4})?$'),
  unit text not null default '',
  frequency text not null check (frequency in ('monthly', 'quarterly', 'annually')),
  polarity text not null check (polarity in ('higher', 'lower')),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, contract_id) references contracts (partnership_id, id) on delete cascade
);
