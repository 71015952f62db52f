-- The run context is exactly one row with an as-of instant: without it every derivation that
-- depends on "today" would silently come out empty.
select count(*) as runs
from {{ ref('int_genims_meta__run_context') }}
where as_of is not null
having count(*) != 1
