-- The pooled fund: funds, contributions, schemes, the chart of accounts, the double-entry journal, ledger imports
-- and the monthly summaries that the monitoring report reads. The journal is append-only, and every entry's
-- postings sum to zero, checked by the database at commit (DESIGN.md, "Data").

create table funds (
  partnership_id bigint not null references partnerships (id),
  id bigint generated always as identity,
  financial_year integer not null check (financial_year between 2000 and 2100),
  name text not null check (length(trim(name)) > 0),
  kind text not null check (kind in ('pooled', 'aligned')),
  -- the partner that keeps the pooled fund's accounts (SI 2000/617 reg 7(4)); none for an aligned budget
  host_organisation_id bigint,
  pooled_fund_manager text not null default '',
  better_care_fund boolean not null default false,
  illustrative boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, financial_year, name),
  foreign key (partnership_id, host_organisation_id) references partnership_members (partnership_id, organisation_id),
  check ((kind = 'pooled') = (host_organisation_id is not null))
);

-- Each partner's contribution by funding stream: the agreed amount, then dated variations that name the
-- decision that approved them. Never changed in place.
create table fund_contributions (
  partnership_id bigint not null,
  id bigint generated always as identity,
  fund_id bigint not null,
  organisation_id bigint not null,
  stream text not null,
  amount_pence bigint not null,
  kind text not null check (kind in ('agreed', 'variation')),
  decision_reference text,
  effective_on date,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id),
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id),
  check (kind = 'agreed' and amount_pence >= 0 or kind = 'variation' and decision_reference is not null)
);

create table schemes (
  partnership_id bigint not null,
  id bigint generated always as identity,
  fund_id bigint not null,
  code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$'),
  name text not null check (length(trim(name)) > 0),
  description text not null default '',
  scheme_type text not null,
  area_of_spend text not null,
  commissioner text not null check (commissioner in ('la', 'nhs', 'joint')),
  commissioner_organisation_id bigint,
  provider text not null default '',
  service text not null,
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, fund_id, code),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id),
  foreign key (partnership_id, commissioner_organisation_id) references partnership_members (partnership_id, organisation_id)
);

-- A scheme's budget by funding stream and funding partner, and its monthly profile as weights per period.
create table scheme_budgets (
  partnership_id bigint not null,
  scheme_id bigint not null,
  organisation_id bigint not null,
  stream text not null,
  amount_pence bigint not null check (amount_pence >= 0),
  primary key (partnership_id, scheme_id, organisation_id, stream),
  foreign key (partnership_id, scheme_id) references schemes (partnership_id, id),
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

create table scheme_profiles (
  partnership_id bigint not null,
  scheme_id bigint not null,
  period smallint not null check (period between 1 and 12),
  weight integer not null check (weight >= 0),
  primary key (partnership_id, scheme_id, period),
  foreign key (partnership_id, scheme_id) references schemes (partnership_id, id)
);

-- How a partner's general-ledger extract is read: which of its columns hold the fields Concordat needs, and
-- which cost centre (optionally with a subjective code) pays for which scheme.
create table import_profiles (
  partnership_id bigint not null,
  fund_id bigint not null,
  organisation_id bigint not null,
  columns jsonb not null,
  primary key (partnership_id, fund_id, organisation_id),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id),
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

create table cost_centre_map (
  partnership_id bigint not null,
  fund_id bigint not null,
  organisation_id bigint not null,
  cost_centre text not null,
  -- empty: any subjective code on this cost centre
  account_code text not null default '',
  scheme_id bigint not null,
  primary key (partnership_id, fund_id, organisation_id, cost_centre, account_code),
  foreign key (partnership_id, scheme_id) references schemes (partnership_id, id),
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id)
);

create table accounts (
  partnership_id bigint not null,
  fund_id bigint not null,
  code text not null,
  name text not null,
  kind text not null check (kind in ('contribution', 'expenditure', 'host_balance', 'debtor', 'creditor', 'reserve')),
  organisation_id bigint,
  scheme_id bigint,
  primary key (partnership_id, fund_id, code),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id),
  foreign key (partnership_id, scheme_id) references schemes (partnership_id, id)
);

create table fund_periods (
  partnership_id bigint not null,
  fund_id bigint not null,
  period smallint not null check (period between 1 and 12),
  closed_at timestamptz not null default now(),
  closed_by text not null,
  primary key (partnership_id, fund_id, period),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id)
);

create table ledger_imports (
  partnership_id bigint not null,
  id bigint generated always as identity,
  fund_id bigint not null,
  organisation_id bigint not null,
  filename text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  row_count integer not null,
  total_pence bigint not null,
  imported_by text not null,
  imported_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (id),
  unique (partnership_id, fund_id, sha256),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id)
);

create table journal_entries (
  partnership_id bigint not null,
  id bigint generated always as identity,
  fund_id bigint not null,
  period smallint not null check (period between 1 and 12),
  entry_date date not null,
  description text not null,
  source text not null check (source in ('manual', 'import', 'contribution', 'settlement', 'reversal')),
  reverses_entry_id bigint,
  import_id bigint,
  decision_reference text,
  created_by text not null,
  created_at timestamptz not null default now(),
  -- the transaction that wrote the entry: postings may be added only by it
  txid bigint not null default txid_current(),
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id),
  foreign key (partnership_id, reverses_entry_id) references journal_entries (partnership_id, id),
  foreign key (partnership_id, import_id) references ledger_imports (partnership_id, id),
  check ((source = 'reversal') = (reverses_entry_id is not null))
);
create unique index journal_entries_reversed_once on journal_entries (partnership_id, reverses_entry_id) where reverses_entry_id is not null;

-- Debits are positive, credits negative.
create table postings (
  partnership_id bigint not null,
  entry_id bigint not null,
  line integer not null,
  fund_id bigint not null,
  account_code text not null,
  amount_pence bigint not null check (amount_pence <> 0),
  scheme_id bigint,
  organisation_id bigint,
  stream text,
  period smallint not null check (period between 1 and 12),
  reference text,
  supplier text,
  description text,
  -- for imported postings, the line of the file it came from
  import_line integer,
  primary key (partnership_id, entry_id, line),
  foreign key (partnership_id, entry_id) references journal_entries (partnership_id, id),
  foreign key (partnership_id, fund_id, account_code) references accounts (partnership_id, fund_id, code)
);
create unique index postings_reference on postings (partnership_id, fund_id, organisation_id, reference) where reference is not null;

-- Actual spend per scheme, funding partner and period, kept up to date as postings land, so that the monitoring
-- report reads a few hundred rows instead of every posting.
create table scheme_actuals (
  partnership_id bigint not null,
  fund_id bigint not null,
  scheme_id bigint not null,
  organisation_id bigint not null,
  period smallint not null check (period between 1 and 12),
  actual_pence bigint not null,
  posting_count bigint not null,
  primary key (partnership_id, fund_id, scheme_id, organisation_id, period),
  foreign key (partnership_id, scheme_id) references schemes (partnership_id, id)
);

create function ledger_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: a correction is a reversing entry', tg_table_name;
end;
$$;
create trigger journal_entries_append_only before update or delete on journal_entries
  for each row execute function ledger_append_only();
create trigger postings_append_only before update or delete on postings
  for each row execute function ledger_append_only();
create trigger fund_contributions_append_only before update or delete on fund_contributions
  for each row execute function ledger_append_only();

-- Postings may join an entry only in the transaction that wrote it. Checked once per statement over the rows it
-- inserted (a transition table), so that a bulk import pays for one query, not one per posting.
create function postings_same_transaction() returns trigger language plpgsql as $$
declare
  closed bigint;
begin
  select p.entry_id into closed
    from (select distinct partnership_id, entry_id from new_postings) p
    left join journal_entries e on e.partnership_id = p.partnership_id and e.id = p.entry_id and e.txid = txid_current()
   where e.id is null
   limit 1;
  if closed is not null then
    raise exception 'journal entry % is closed: post a new entry instead', closed;
  end if;
  return null;
end;
$$;
create trigger postings_same_transaction after insert on postings
  referencing new table as new_postings
  for each statement execute function postings_same_transaction();

-- At commit, each new entry must have two or more postings that sum to zero.
create function journal_entry_balances() returns trigger language plpgsql as $$
declare
  total numeric;
  lines bigint;
begin
  select coalesce(sum(amount_pence), 0), count(*) into total, lines
    from postings where partnership_id = new.partnership_id and entry_id = new.id;
  if lines < 2 then
    raise exception 'journal entry % has % posting(s); an entry needs at least two', new.id, lines;
  end if;
  if total <> 0 then
    raise exception 'journal entry % does not balance: its postings sum to % pence', new.id, total;
  end if;
  return null;
end;
$$;
create constraint trigger journal_entry_balances after insert on journal_entries
  deferrable initially deferred for each row execute function journal_entry_balances();
