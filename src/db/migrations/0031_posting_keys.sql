-- Narrower keys for the two indexes every posting enters (issue 3, "Benchmark": half the server's work in an
-- import is these two btrees). A fund's id and an entry's id are unique across partnerships (identity columns,
-- each declared unique), so the partnership in front of them made each key 8 bytes longer and each comparison
-- one column longer without making any key more unique. Queries still name the partnership; the indexes serve
-- them on the columns that follow.
alter table postings drop constraint postings_pkey;
alter table postings add primary key (entry_id, line);

-- The same refusal of a partner's transaction reference used twice in a fund, under the same name (imports
-- recognise the refusal by it).
alter table funds add unique (id);
drop index postings_reference;
create unique index postings_reference on postings (fund_id, organisation_id, reference);
