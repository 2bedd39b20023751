-- Every read of one export sees one snapshot, and timestamps come out in UTC.
set transaction isolation level repeatable read read only;
set local timezone to 'UTC';
