select status from mail_deliveries where id = @MailId
