-- Each journal entry's total and number of postings, kept as its postings land, so that the check at commit
-- that an entry balances (two or more postings summing to zero; DESIGN.md, "Data") reads one row rather than
-- every posting of the entry again: an import of a million postings spent 0.7 s of its commit re-reading them.
-- The totals are exact: postings may join an entry only in the transaction that wrote it, and are never changed
-- or removed (append-only), so the sums gathered as they are inserted are the sums of the entry's postings.

create table journal_entry_totals (
  partnership_id bigint not null,
  entry_id bigint not null,
  total_pence numeric not null,
  postings bigint not null,
  -- the entry is checked by the trigger below, which refuses the statement if it does not exist
  primary key (partnership_id, entry_id)
);

insert into journal_entry_totals (partnership_id, entry_id, total_pence, postings)
  select partnership_id, entry_id, sum(amount_pence), count(*) from postings group by partnership_id, entry_id;

-- The checks of 0005 on each statement's new postings (entry exists, is in the posting's fund, was written by
-- this transaction; account in the fund's chart), and now, from the same one pass over the rows, each entry's
-- total and count added to journal_entry_totals.
create or replace function postings_same_transaction() returns trigger language plpgsql as $$
declare
  r record;
begin
  with keys as materialized (
    select partnership_id, entry_id, fund_id, account_code, sum(amount_pence) as total, count(*) as postings
      from new_postings
     group by partnership_id, entry_id, fund_id, account_code),
  added as (
    insert into journal_entry_totals as t (partnership_id, entry_id, total_pence, postings)
      select partnership_id, entry_id, sum(total), sum(postings) from keys group by partnership_id, entry_id
    on conflict (partnership_id, entry_id) do update
      set total_pence = t.total_pence + excluded.total_pence, postings = t.postings + excluded.postings)
  select k.entry_id, k.fund_id, k.account_code, e.id as found, e.fund_id as entry_fund, e.txid = txid_current() as open
    into r
    from keys k
    left join journal_entries e on e.partnership_id = k.partnership_id and e.id = k.entry_id
   where e.id is null or e.txid <> txid_current() or e.fund_id <> k.fund_id
      or not exists (select 1 from accounts a
                      where a.partnership_id = k.partnership_id and a.fund_id = k.fund_id and a.code = k.account_code)
   limit 1;
  if not found then
    return null;
  end if;
  if r.found is null then
    raise exception 'journal entry % does not exist', r.entry_id using errcode = 'foreign_key_violation';
  elsif r.entry_fund <> r.fund_id then
    raise exception 'a posting names fund % but its journal entry % is in fund %', r.fund_id, r.entry_id, r.entry_fund
      using errcode = 'foreign_key_violation';
  elsif not r.open then
    raise exception 'journal entry % is closed: post a new entry instead', r.entry_id;
  end if;
  raise exception 'account % is not in the chart of accounts of fund %', r.account_code, r.fund_id
    using errcode = 'foreign_key_violation';
end;
$$;

-- At commit, each new entry must have two or more postings that sum to zero: read from the totals.
create or replace function journal_entry_balances() returns trigger language plpgsql as $$
declare
  total numeric;
  lines bigint;
begin
  select t.total_pence, t.postings into total, lines
    from journal_entry_totals t where t.partnership_id = new.partnership_id and t.entry_id = new.id;
  total := coalesce(total, 0);
  lines := coalesce(lines, 0);
  if lines < 2 then
    raise exception 'journal entry % has % posting(s); an entry needs at least two', new.id, lines;
  end if;
  if total <> 0 then
    raise exception 'journal entry % does not balance: its postings sum to % pence', new.id, total;
  end if;
  return null;
end;
$$;
