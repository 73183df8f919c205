-- Decisions taken under delegation (SI 2012/2089 reg 13; migration 0014) have no meeting or agenda item: their
-- subject stands in for the item's title, and nothing of them is exempt (the public decision page shows the whole
-- record). The search document of migration 0016 is built the same way for them, so that the public decisions list
-- finds them by their subject, decision, reasons and alternatives. Replaces the function of migration 0016; the
-- triggers that call it are unchanged.
create or replace function refresh_decision_search(p_partnership_id bigint, p_decision_id bigint) returns void
language sql as $$
  insert into decision_search (partnership_id, decision_id, document)
  select d.partnership_id, d.id,
    case when i.id is null
      then decision_public_document(d.subject, false, true, d.decision, d.reasons, d.alternatives)
      else decision_public_document(i.title, i.exempt, i.title_published, d.decision, d.reasons, d.alternatives)
    end
  from decisions d
  left join agenda_items i on i.partnership_id = d.partnership_id and i.id = d.agenda_item_id
  where d.partnership_id = p_partnership_id and d.id = p_decision_id
  on conflict (partnership_id, decision_id) do update set document = excluded.document
$$;

select refresh_decision_search(partnership_id, id) from decisions where agenda_item_id is null;
