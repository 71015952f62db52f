-- No balance goes negative, at the end or at any point of its movement history, unless the
-- load's config allows backorders (erp.allow_backorders).
with settings as (
    select coalesce(cast(load_runs.config -> 'erp' ->> 'allow_backorders' as boolean), false) as allow_backorders
    from {{ ref('int_genims_meta__run_context') }} as run_context
    inner join {{ ref('stg_genims_meta__load_runs') }} as load_runs
        on run_context.run_id = load_runs.run_id
),

running as (
    select
        transaction_id,
        material_id,
        plant_id,
        storage_location,
        sum(quantity) over (
            partition by material_id, plant_id, storage_location
            order by created_at, transaction_id
        ) as running_quantity
    from {{ ref('erp__inventory_transactions') }}
)

select
    running.transaction_id,
    running.material_id,
    running.plant_id,
    running.storage_location,
    running.running_quantity
from running
cross join settings
where running.running_quantity < 0 and not settings.allow_backorders
