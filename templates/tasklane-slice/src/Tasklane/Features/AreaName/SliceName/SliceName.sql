-- TODO(SliceName): the slice's query. Scope it to what the caller may see (see Infrastructure/Auth/Access.cs).
select id from users where id = @id
