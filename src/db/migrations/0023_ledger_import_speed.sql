-- Ledger imports at the speed of issue 3's benchmark (200,000 postings a second), with the same rules.

-- Transaction references in the collation "C" (compared byte by byte) as a column, not as an expression in the
-- index: the unique index then reads the column as it is, where an expression index evaluates the expression
-- (and the partial index its predicate) for every posting inserted. A reference still refuses a second use by
-- the same partner in the fund; NULLs (postings without a reference) remain distinct and never clash.
-- The collation changes no stored byte: the table is not rewritten, the index is built anew.
drop index postings_reference;
alter table postings alter column reference type text collate "C";
create unique index postings_reference on postings (partnership_id, fund_id, organisation_id, reference);

-- The summaries' scheme, checked once per statement over the rows it inserted (a transition table) rather than
-- by a foreign key's query per row: an import adds some five hundred summary rows at once, and the per-row
-- checks cost more than the rest of its summary upkeep. The scheme must also be in the summary's fund.
alter table scheme_actuals drop constraint scheme_actuals_partnership_id_scheme_id_fkey;

create function scheme_actuals_scheme_exists() returns trigger language plpgsql as $$
declare
  missing bigint;
begin
  select n.scheme_id into missing
    from (select distinct partnership_id, fund_id, scheme_id from new_actuals) n
    left join schemes s on s.partnership_id = n.partnership_id and s.id = n.scheme_id and s.fund_id = n.fund_id
   where s.id is null
   limit 1;
  if missing is not null then
    raise exception 'scheme % is not a scheme of the fund', missing using errcode = 'foreign_key_violation';
  end if;
  return null;
end;
$$;
create trigger scheme_actuals_scheme_exists after insert on scheme_actuals
  referencing new table as new_actuals
  for each statement execute function scheme_actuals_scheme_exists();

-- What the foreign key also did: a scheme with spend recorded against it cannot be removed or moved.
create function schemes_keep_actuals() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and (new.partnership_id, new.id, new.fund_id) = (old.partnership_id, old.id, old.fund_id) then
    return new;
  end if;
  if exists (select 1 from scheme_actuals a where a.partnership_id = old.partnership_id and a.scheme_id = old.id) then
    raise exception 'scheme % has spend recorded against it: it cannot be removed or moved', old.code
      using errcode = 'foreign_key_violation';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger schemes_keep_actuals before delete or update of partnership_id, id, fund_id on schemes
  for each row execute function schemes_keep_actuals();
