update exports set upload_id = @UploadId where id = @ExportId and attempt = @Attempt and status = 'running'
