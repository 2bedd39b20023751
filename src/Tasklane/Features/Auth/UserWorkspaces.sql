select workspace_id from workspace_members where user_id = @UserId
