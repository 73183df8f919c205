-- A council's cabinet (its executive under the Local Government Act 2000 Part 1A) as a kind of board, so that the
-- executive decisions that set up a partnership (the Southampton Cabinet decisions of 15 October 2013 and 18 July
-- 2017 in the seeds) are recorded, published and called in like the joint board's own.
alter table boards drop constraint boards_kind_check;
alter table boards add constraint boards_kind_check check (kind in ('joint_commissioning_board',
  'integrated_commissioning_committee', 'joint_committee', 'committees_in_common', 'shadow_board',
  'health_and_wellbeing_board', 'overview_and_scrutiny_committee', 'cabinet'));
