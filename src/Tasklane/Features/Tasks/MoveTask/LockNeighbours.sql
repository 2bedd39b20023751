-- Always in column order, so two moves that share a neighbour take their locks in the same order.
select id
from tasks
where id = any(@ids)
order by position, id
for update
