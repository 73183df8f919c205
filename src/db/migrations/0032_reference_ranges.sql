-- A partner's transaction reference is still refused a second use in a fund (issue 3, "Ledger imports": a file
-- with the same transaction references is refused), now checked at commit against the span of references each
-- entry holds, rather than by a unique index with an entry for every posting. The index cost more than a third
-- of the server's work in an import (1.4 s of 4 s over a million postings, on issue 3's benchmark), to answer a
-- question that a finance system's extracts commonly settle by their span alone: their references (journal or
-- document numbers) run on from one month to the next, so a new file's span overlaps no earlier entry's, and
-- only the new entry's own postings need reading, to find a reference repeated within it. Where spans do
-- overlap (references scattered across files), the check also reads the postings of each overlapping entry of
-- the partner in the fund: slower, never less strict.
--
-- The span of each entry's references, per partner, and a 64-bit hash of each of them (postings with no
-- reference or no partner never clash, as under the unique index, which held NULLs distinct). Kept by a
-- trigger on each statement's new postings, below.
create table entry_reference_ranges (
  partnership_id bigint not null,
  entry_id bigint not null,
  organisation_id bigint not null,
  fund_id bigint not null,
  low text collate "C" not null,
  high text collate "C" not null,
  hashes bigint[] not null,
  primary key (partnership_id, entry_id, organisation_id)
);
create index entry_reference_ranges_partner on entry_reference_ranges (partnership_id, fund_id, organisation_id);

insert into entry_reference_ranges (partnership_id, entry_id, organisation_id, fund_id, low, high, hashes)
  select partnership_id, entry_id, organisation_id, min(fund_id), min(reference), max(reference),
         array_agg(hashtextextended(reference, 0))
    from postings
   where reference is not null and organisation_id is not null
   group by partnership_id, entry_id, organisation_id;

-- Each statement's new postings widen their entry's span per partner and add their hashes: a trigger of its own
-- beside 0030's check, reading the same transition table (the server keeps one for both).
create function postings_reference_spans() returns trigger language plpgsql as $$
begin
  insert into entry_reference_ranges as g (partnership_id, entry_id, organisation_id, fund_id, low, high, hashes)
    select partnership_id, entry_id, organisation_id, min(fund_id), min(reference), max(reference),
           array_agg(hashtextextended(reference, 0))
      from new_postings
     where reference is not null and organisation_id is not null
     group by partnership_id, entry_id, organisation_id
  on conflict (partnership_id, entry_id, organisation_id) do update
    set low = least(g.low, excluded.low), high = greatest(g.high, excluded.high), hashes = g.hashes || excluded.hashes;
  return null;
end;
$$;
create trigger postings_reference_spans after insert on postings
  referencing new table as new_postings
  for each statement execute function postings_reference_spans();

-- At commit, each new entry's references, partner by partner: none repeated within the entry, and none held by
-- another entry of the fund whose span overlaps this one's (entries of this transaction, and of any that
-- committed before). The hashes are compared first, so that no posting is read unless two hashes agree: then
-- the references themselves are, and only an equal pair is refused (two references may share a hash). Imports
-- of one partner's files at once take a lock for the partner and fund here, so that the second to commit waits
-- for the first and then sees its references, as it waited on the unique index. The refusal is a
-- unique_violation naming postings_reference, as the index's was.
create function journal_entry_references() returns trigger language plpgsql as $$
declare
  s record;
  repeated text;
begin
  for s in select organisation_id, low, high, hashes from entry_reference_ranges
            where partnership_id = new.partnership_id and entry_id = new.id
            order by organisation_id
  loop
    perform pg_advisory_xact_lock(hashtextextended('postings_reference ' || new.fund_id || ' ' || s.organisation_id, 0));
    if not exists (
      select 1
        from (select unnest(s.hashes) as h
              union all
              select unnest(g.hashes)
                from entry_reference_ranges g
               where g.partnership_id = new.partnership_id and g.fund_id = new.fund_id
                 and g.organisation_id = s.organisation_id and g.entry_id <> new.id
                 and g.low <= s.high and g.high >= s.low) x
       group by h
      having count(*) > 1)
    then
      continue;
    end if;
    select reference into repeated
      from (select p.reference
              from postings p
             where p.partnership_id = new.partnership_id and p.entry_id = new.id
               and p.organisation_id = s.organisation_id and p.reference is not null
            union all
            select q.reference
              from entry_reference_ranges g
              join postings q on q.partnership_id = g.partnership_id and q.entry_id = g.entry_id
             where g.partnership_id = new.partnership_id and g.fund_id = new.fund_id
               and g.organisation_id = s.organisation_id and g.entry_id <> new.id
               and g.low <= s.high and g.high >= s.low
               and q.organisation_id = s.organisation_id and q.reference between s.low and s.high) r
     group by reference
    having count(*) > 1
     limit 1;
    if repeated is not null then
      raise exception 'transaction reference % of partner % is used already in fund %', repeated, s.organisation_id, new.fund_id
        using errcode = 'unique_violation', constraint = 'postings_reference';
    end if;
  end loop;
  return null;
end;
$$;
create constraint trigger journal_entry_references after insert on journal_entries
  deferrable initially deferred for each row execute function journal_entry_references();

drop index postings_reference;
