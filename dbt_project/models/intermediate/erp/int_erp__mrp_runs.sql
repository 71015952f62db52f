-- The MRP runs: one per plant and week (erp.mrp_runs_per_plant in the load's config), each at
-- midnight of its planning date P, the last on the latest day that began before the as-of
-- instant. A run at P sees only what was known before P.
with settings as (
    select
        run_context.as_of,
        cast(load_runs.config -> 'erp' ->> 'mrp_runs_per_plant' as integer) as runs_per_plant
    from {{ ref('int_genims_meta__run_context') }} as run_context
    inner join {{ ref('stg_genims_meta__load_runs') }} as load_runs
        on run_context.run_id = load_runs.run_id
),

dates as (
    select cast(settings.as_of - interval '1 second' as date) - 7 * weeks.week_number as planning_date
    from settings
    cross join lateral generate_series(0, settings.runs_per_plant - 1) as weeks (week_number)
)

select
    row_number() over (order by dates.planning_date, factories.factory_id) as run_sequence,
    factories.factory_id as plant_id,
    dates.planning_date,
    14 as planning_horizon_days
from dates
cross join {{ ref('stg_master__factories') }} as factories
