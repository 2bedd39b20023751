-- Activity entries no longer keep what their readers may not read at the source (docs/api.md, "Activity"):
-- a comment's text and mentions are read from the comment while it exists, and an invitee's email is for
-- admins and owners only (GET invitations). Entries written before kept both; remove them. The updates touch
-- only entries that still have them, so running this again changes nothing.
update activity
set data = case kind
        when 'comment.added' then data - 'body' - 'mentions'
        when 'comment.edited' then data - 'changes'
        else data - 'email'
    end
where (kind = 'comment.added' and (data -> 'body' is not null or data -> 'mentions' is not null))
   or (kind = 'comment.edited' and data -> 'changes' is not null)
   or (kind in ('member.invited', 'member.invitation_revoked') and data -> 'email' is not null);
