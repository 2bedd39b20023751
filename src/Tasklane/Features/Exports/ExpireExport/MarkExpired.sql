update exports set status = 'expired' where id = @ExportId
