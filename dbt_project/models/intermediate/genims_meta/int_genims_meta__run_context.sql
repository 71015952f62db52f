-- The current load: one row with the latest run's id, seed and as-of date ("today").
with latest_run as (
    select max(run_id) as run_id
    from {{ ref('stg_genims_meta__load_runs') }}
)

select
    load_runs.run_id,
    load_runs.seed,
    load_runs.as_of,
    load_runs.preset,
    load_runs.loaded_at
from {{ ref('stg_genims_meta__load_runs') }} as load_runs
inner join latest_run
    on load_runs.run_id = latest_run.run_id
