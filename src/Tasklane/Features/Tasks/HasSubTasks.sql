select exists (select 1 from tasks where parent_id = @Id)
