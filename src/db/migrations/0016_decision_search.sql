-- Full-text search over the public record of decisions (issue 4, scope 9). Each decision has one search document
-- built ONLY from what the public may read (DOMAIN.md §5, LGA 1972 Schedule 12A): for a decision on an exempt item,
-- nothing but the item's title, and that only where the officer allowed the title to be published; otherwise the
-- item's title (weight A), the decision (B), the reasons and the alternatives considered (C). Exempt text is never
-- indexed, so no search can match on it. Triggers keep the document in step with the decision and its agenda item,
-- whichever code writes them.

-- The public search document of a decision, from the fields that decide what is public.
create function decision_public_document(
  item_title text, item_exempt boolean, item_title_published boolean,
  decision text, reasons text, alternatives text
) returns tsvector language sql immutable as $$
  select case
    when item_exempt and item_title_published then setweight(to_tsvector('english', item_title), 'A')
    when item_exempt then ''::tsvector
    else setweight(to_tsvector('english', item_title), 'A')
      || setweight(to_tsvector('english', decision), 'B')
      || setweight(to_tsvector('english', reasons || ' ' || alternatives), 'C')
  end
$$;

create table decision_search (
  partnership_id bigint not null,
  decision_id bigint not null,
  document tsvector not null,
  primary key (partnership_id, decision_id),
  foreign key (partnership_id, decision_id) references decisions (partnership_id, id) on delete cascade
);
create index decision_search_document on decision_search using gin (document);

create function refresh_decision_search(p_partnership_id bigint, p_decision_id bigint) returns void
language sql as $$
  insert into decision_search (partnership_id, decision_id, document)
  select d.partnership_id, d.id,
    decision_public_document(i.title, i.exempt, i.title_published, d.decision, d.reasons, d.alternatives)
  from decisions d
  join agenda_items i on i.partnership_id = d.partnership_id and i.id = d.agenda_item_id
  where d.partnership_id = p_partnership_id and d.id = p_decision_id
  on conflict (partnership_id, decision_id) do update set document = excluded.document
$$;

create function decisions_refresh_search() returns trigger language plpgsql as $$
begin
  perform refresh_decision_search(new.partnership_id, new.id);
  return null;
end
$$;
create trigger decisions_search after insert or update on decisions
  for each row execute function decisions_refresh_search();

-- an item's title or exemption changing changes what of its decision is public
create function agenda_items_refresh_search() returns trigger language plpgsql as $$
begin
  perform refresh_decision_search(d.partnership_id, d.id)
    from decisions d where d.partnership_id = new.partnership_id and d.agenda_item_id = new.id;
  return null;
end
$$;
create trigger agenda_items_search after update of title, exempt, title_published on agenda_items
  for each row execute function agenda_items_refresh_search();

select refresh_decision_search(partnership_id, id) from decisions;
