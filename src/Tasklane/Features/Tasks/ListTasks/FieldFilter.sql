-- Present only when the filter is set (see AssigneeFilter.sql). With a value, it matches in the column the field's
-- type keeps it in (text and dates: txt; numbers and checkboxes: num; an option or a user: ref; options: refs); the
-- other columns are null on the field's rows, so no lookup of the type is needed.
  and exists (select 1 from task_field_values v
              where v.task_id = t.id and v.field_id = @fieldId
                and (@fieldText::text is null or v.txt = @fieldText or v.num = @fieldNum::numeric or v.ref = @fieldRef::uuid
                     or v.refs @> array[@fieldRef::uuid]))
