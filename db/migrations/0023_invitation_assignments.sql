-- Tasks an import (issue 20) assigned to someone who was not yet a member: the import invited them, and the task is
-- assigned to them when they accept that invitation (Features/Imports/AssignImportedTasks). Rows go when the assignment
-- is made, or with the invitation (revoked) or the task (purged).
create table invitation_assignments (
    invitation_id uuid not null references invitations (id) on delete cascade,
    task_id       uuid not null references task_rows (id) on delete cascade,
    primary key (invitation_id, task_id)
);
-- A purged task finds its rows.
create index invitation_assignments_task on invitation_assignments (task_id);
