delete from import_items where import_id = @ImportId
