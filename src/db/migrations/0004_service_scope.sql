-- Who a user works for in a partnership: a finance officer of the host partner sets up and changes a pooled fund,
-- finance officers of the other partners read it (SI 2000/617 reg 7: the host keeps the fund's accounts).
-- Optional: board members and administrators need not record one. The service scope's catalogue and exclusions
-- are data in code (src/partnerships/serviceScope.ts), cited with their source, not rows.
alter table user_roles add column organisation_id bigint;
alter table user_roles add constraint user_roles_organisation_is_partner
  foreign key (partnership_id, organisation_id) references partnership_members (partnership_id, organisation_id);
