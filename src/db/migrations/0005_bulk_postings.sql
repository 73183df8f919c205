-- Ledger imports write hundreds of thousands of postings at once (issue 3, "Benchmark": 200,000 a second). A
-- foreign key checks each inserted row with a query of its own, which on a million postings costs more than
-- writing them (measured: 7 s of 11 s). The same rules are checked here once per statement, over all the rows
-- that the statement inserted (its transition table), and an account that has postings cannot be removed.

alter table postings drop constraint postings_partnership_id_entry_id_fkey;
alter table postings drop constraint postings_partnership_id_fund_id_account_code_fkey;

-- Each new posting's entry exists, belongs to the same fund, and was written by this transaction (postings may
-- join an entry only in the transaction that wrote it); its account is in the fund's chart of accounts. One
-- pass over the inserted rows finds the few distinct entries and accounts they name.
create or replace function postings_same_transaction() returns trigger language plpgsql as $$
declare
  r record;
begin
  for r in
    with keys as (select distinct partnership_id, entry_id, fund_id, account_code from new_postings)
    select k.entry_id, k.fund_id, k.account_code, e.id as found, e.fund_id as entry_fund, e.txid = txid_current() as open
      from keys k
      left join journal_entries e on e.partnership_id = k.partnership_id and e.id = k.entry_id
     where e.id is null or e.txid <> txid_current() or e.fund_id <> k.fund_id
        or not exists (select 1 from accounts a
                        where a.partnership_id = k.partnership_id and a.fund_id = k.fund_id and a.code = k.account_code)
     limit 1
  loop
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
  end loop;
  return null;
end;
$$;

-- Transaction references are compared byte by byte (collation "C"): the same uniqueness under any database
-- collation, at a fraction of the cost of comparing by a locale's rules on every insert.
drop index postings_reference;
create unique index postings_reference on postings (partnership_id, fund_id, organisation_id, (reference collate "C"))
  where reference is not null;

create function accounts_keep_posted() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and (new.partnership_id, new.fund_id, new.code) = (old.partnership_id, old.fund_id, old.code) then
    return new;
  end if;
  if exists (select 1 from postings p
              where p.partnership_id = old.partnership_id and p.fund_id = old.fund_id and p.account_code = old.code) then
    raise exception 'account % has postings: it cannot be removed or given another code', old.code
      using errcode = 'foreign_key_violation';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger accounts_keep_posted before delete or update of partnership_id, fund_id, code on accounts
  for each row execute function accounts_keep_posted();
