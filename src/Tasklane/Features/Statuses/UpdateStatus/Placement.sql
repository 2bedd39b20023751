-- Where a status goes when it moves to right after @AfterId (null: to the front): that status' position (null when
-- @AfterId is null or not a status of the project) and the position of the next one, not counting the status moving.
select a.position as after_position,
       (select min(s.position) from project_statuses s
        where s.project_id = @ProjectId and s.id <> @StatusId and (a.position is null or s.position > a.position)) as next_position
from (select (select position from project_statuses where project_id = @ProjectId and id = @AfterId) as position) a
