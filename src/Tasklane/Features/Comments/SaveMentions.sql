delete from comment_mentions where comment_id = @commentId and user_id <> all(@userIds);
insert into comment_mentions (comment_id, user_id)
select @commentId, unnest(@userIds)
on conflict do nothing;
