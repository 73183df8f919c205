-- The "Decision status" of a published record of decision (the field of the Decision details page that councils'
-- committee systems publish, e.g. "Recommendations Approved" on both Southampton Cabinet decisions in the seeds).
alter table decisions add column status text not null default 'recommendations_approved'
  check (status in ('recommendations_approved', 'approved', 'approved_with_amendments', 'deferred', 'rejected',
    'withdrawn'));
