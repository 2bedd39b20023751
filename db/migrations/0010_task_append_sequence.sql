-- Appends to a status column take max(position) + 1024 plus a fraction from this sequence, so concurrent
-- appends get distinct positions without serialising on a lock.
create sequence task_append_seq;
