-- Option appraisals, second slice (issue 5): a stage that uses a subset of another stage's criteria, and the
-- link from an appraisal to the governance decision it informed.

-- A stage that draws its criteria from another stage of the same appraisal: the scored criteria it uses (their
-- groups come with them, and the chosen weights are renormalised in each level by the rules). A stage has
-- either its own criteria (appraisal_criteria.stage_id) or rows here, never both (checked by the store).
create table appraisal_stage_criteria (
  partnership_id bigint not null,
  appraisal_id bigint not null,
  stage_id bigint not null,
  criterion_id bigint not null,
  primary key (partnership_id, stage_id, criterion_id),
  foreign key (partnership_id, appraisal_id) references appraisals (partnership_id, id),
  foreign key (partnership_id, stage_id) references appraisal_stages (partnership_id, id),
  foreign key (partnership_id, criterion_id) references appraisal_criteria (partnership_id, id)
);
create trigger appraisal_stage_criteria_frozen before insert or update or delete on appraisal_stage_criteria
  for each row execute function appraisal_refuse_if_frozen();

-- The decision an appraisal informed (SI 2012/2089 reg 13: the record gives the alternative options considered
-- and rejected). One decision per appraisal and one appraisal per decision; the appraisal is frozen when the
-- link is made, and the link is never changed or removed.
create table appraisal_decisions (
  partnership_id bigint not null,
  appraisal_id bigint not null,
  decision_id bigint not null,
  linked_by text not null,
  linked_at timestamptz not null default now(),
  primary key (partnership_id, appraisal_id),
  unique (decision_id),
  foreign key (partnership_id, appraisal_id) references appraisals (partnership_id, id),
  foreign key (partnership_id, decision_id) references decisions (partnership_id, id)
);

create function appraisal_decisions_stay() returns trigger language plpgsql as $$
begin
  raise exception 'the link between appraisal % and its decision cannot change', old.appraisal_id;
end;
$$;
create trigger appraisal_decisions_stay before update or delete on appraisal_decisions
  for each row execute function appraisal_decisions_stay();
