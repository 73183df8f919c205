-- Foundation: organisations, partnerships, agreements, documents, budget areas, users and roles, sessions,
-- settings and the hash-chained audit log. Every partnership-owned table carries partnership_id and is keyed
-- with it, so that the schema can be distributed on that column (DESIGN.md, "Data").

create table organisations (
  id bigint generated always as identity primary key,
  name text not null check (length(trim(name)) > 0),
  short_name text,
  kind text not null check (kind in ('icb', 'ccg', 'local_authority', 'nhs_england', 'nhs_trust', 'other')),
  la_tier text check (la_tier in ('unitary', 'county', 'district', 'metropolitan', 'london_borough')),
  ods_code text unique,
  gss_code text unique,
  exists_from date,
  exists_to date,
  successor_id bigint references organisations (id),
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  check ((kind = 'local_authority') = (la_tier is not null)),
  check (exists_to is null or exists_from is null or exists_to >= exists_from),
  check (successor_id is null or successor_id <> id)
);

create table partnerships (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null check (length(trim(name)) > 0),
  description text not null default '',
  formed_on date,
  illustrative boolean not null default false,
  created_at timestamptz not null default now()
);

create table partnership_members (
  partnership_id bigint not null references partnerships (id),
  organisation_id bigint not null references organisations (id),
  primary key (partnership_id, organisation_id)
);

create table agreements (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  kind text not null check (kind in ('s75', 's65z5', 'mou', 'terms_of_reference')),
  title text not null check (length(trim(title)) > 0),
  legal_basis text not null default '',
  legally_binding boolean not null,
  status text not null check (status in ('draft', 'shadow', 'live', 'ended')),
  starts_on date,
  ends_on date,
  host_organisation_id bigint,
  summary text not null default '',
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, host_organisation_id) references partnership_members (partnership_id, organisation_id),
  check (ends_on is null or starts_on is null or ends_on >= starts_on)
);

create table agreement_parties (
  partnership_id bigint not null,
  agreement_id bigint not null,
  organisation_id bigint not null,
  primary key (partnership_id, agreement_id, organisation_id),
  foreign key (partnership_id, agreement_id) references agreements (partnership_id, id) on delete cascade,
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

create table users (
  id bigint generated always as identity primary key,
  email text not null unique check (email = lower(email) and email like '%@%'),
  name text not null,
  password_hash text not null,
  is_system_admin boolean not null default false,
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

create table user_roles (
  user_id bigint not null references users (id),
  partnership_id bigint not null references partnerships (id),
  role text not null check (role in ('administrator', 'finance_officer', 'commissioning_officer',
    'democratic_services_officer', 'board_member', 'scrutiny_member')),
  primary key (partnership_id, user_id, role)
);

create table documents (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  agreement_id bigint,
  title text not null,
  filename text not null,
  content_type text not null check (content_type in ('application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
  size_bytes bigint not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  uploaded_by bigint references users (id),
  uploaded_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, agreement_id) references agreements (partnership_id, id)
);

create table budget_areas (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  financial_year integer not null check (financial_year between 2000 and 2100),
  name text not null check (length(trim(name)) > 0),
  arrangement text not null check (arrangement in ('pooled', 'aligned', 'lead_commissioning', 'outside')),
  -- the host of a pooled fund, or the lead commissioner; none for aligned budgets or spend outside the arrangement
  host_organisation_id bigint,
  notes text not null default '',
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, financial_year, name),
  foreign key (partnership_id, host_organisation_id) references partnership_members (partnership_id, organisation_id),
  check ((arrangement in ('pooled', 'lead_commissioning')) = (host_organisation_id is not null))
);

create table budget_contributions (
  partnership_id bigint not null,
  budget_area_id bigint not null,
  organisation_id bigint not null,
  amount_pence bigint not null check (amount_pence >= 0),
  primary key (partnership_id, budget_area_id, organisation_id),
  foreign key (partnership_id, budget_area_id) references budget_areas (partnership_id, id) on delete cascade,
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

create table sessions (
  sid text primary key,
  data jsonb not null,
  expires_at timestamptz not null
);
create index sessions_expires_at on sessions (expires_at);

create table settings (
  key text primary key,
  value text not null
);

-- The audit log: append-only, each event chained to the one before by SHA-256 over its content and the
-- previous hash, so that an altered or deleted row shows up in `concordat verify-audit`.
create table audit_events (
  seq bigint generated always as identity primary key,
  occurred_at timestamptz not null,
  actor_user_id bigint,
  actor_label text not null,
  action text not null check (action in ('create', 'update', 'delete')),
  entity_type text not null,
  entity_id text not null,
  partnership_id bigint,
  before jsonb,
  after jsonb,
  prev_hash text not null,
  hash text not null unique
);
create index audit_events_entity on audit_events (entity_type, entity_id, seq);
create index audit_events_partnership on audit_events (partnership_id, seq);

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only: % refused', tg_op;
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();
