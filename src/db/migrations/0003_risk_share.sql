-- Risk share and the year-end settlement of a pooled fund. The risk-share policy is set by the s75 agreement, not
-- by law (DOMAIN.md §4): an ordered list of steps, kept as jsonb and validated by the application (zod) on the way
-- in and on the way out. A settlement is computed (proposed), approved by a finance officer with the reference of
-- the decision that approved it, then posted as balanced journal entries; a posted settlement is undone only by
-- reversing entries.

create table risk_share_policies (
  partnership_id bigint not null,
  fund_id bigint not null,
  steps jsonb not null check (jsonb_typeof(steps) = 'array'),
  -- the clause of the agreement the policy follows, for the reader
  agreement_clause text not null default '',
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (partnership_id, fund_id),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id)
);

create table settlements (
  partnership_id bigint not null,
  id bigint generated always as identity,
  fund_id bigint not null,
  status text not null check (status in ('proposed', 'approved', 'posted', 'reversed', 'withdrawn')),
  -- the policy applied and the whole working (inputs, steps, positions, transfers, journal lines)
  policy jsonb not null,
  working jsonb not null,
  computed_by text not null,
  computed_at timestamptz not null default now(),
  approved_by text,
  approved_at timestamptz,
  decision_reference text,
  posted_by text,
  posted_at timestamptz,
  posted_entry_ids jsonb not null default '[]',
  reversed_by text,
  reversed_at timestamptz,
  reversal_reason text,
  reversal_entry_ids jsonb not null default '[]',
  primary key (partnership_id, id),
  unique (id),
  foreign key (partnership_id, fund_id) references funds (partnership_id, id),
  check (status in ('proposed', 'withdrawn') or (approved_by is not null and length(trim(decision_reference)) > 0)),
  check (status not in ('posted', 'reversed') or posted_at is not null),
  check (status <> 'reversed' or reversed_at is not null)
);
-- At most one settlement of a fund in play (proposed, approved or posted) at a time.
create unique index settlements_one_live on settlements (partnership_id, fund_id)
  where status in ('proposed', 'approved', 'posted');

-- A settlement's working never changes once computed, and its status only moves forward:
-- proposed → approved → posted → reversed, or proposed/approved → withdrawn.
create function settlements_move_forward() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'settlements are kept: withdraw or reverse one instead';
  end if;
  if new.working is distinct from old.working or new.policy is distinct from old.policy
     or new.fund_id <> old.fund_id or new.computed_by <> old.computed_by then
    raise exception 'settlement %: the working is fixed once computed; compute a new settlement', old.id;
  end if;
  if new.status <> old.status and not (
       (old.status = 'proposed' and new.status in ('approved', 'withdrawn'))
    or (old.status = 'approved' and new.status in ('posted', 'withdrawn'))
    or (old.status = 'posted' and new.status = 'reversed')) then
    raise exception 'settlement % cannot move from % to %', old.id, old.status, new.status;
  end if;
  if old.status in ('posted', 'reversed') and new.posted_entry_ids is distinct from old.posted_entry_ids then
    raise exception 'settlement %: its posted entries are fixed', old.id;
  end if;
  return new;
end;
$$;
create trigger settlements_move_forward before update or delete on settlements
  for each row execute function settlements_move_forward();
