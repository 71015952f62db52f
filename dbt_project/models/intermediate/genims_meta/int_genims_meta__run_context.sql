-- The current load: one row with the latest run's id, seed and as-of instant ("now"; history
-- runs up to it) and that instant's date ("today", for ages, tenure and validity dates).
with latest_run as (
    select max(run_id) as run_id
    from {{ ref('stg_genims_meta__load_runs') }}
)

select
    load_runs.run_id,
    load_runs.seed,
    cast(load_runs.as_of as timestamp) as as_of,
    cast(load_runs.as_of as date) as as_of_date,
    load_runs.preset,
    load_runs.loaded_at
from {{ ref('stg_genims_meta__load_runs') }} as load_runs
inner join latest_run
    on load_runs.run_id = latest_run.run_id
