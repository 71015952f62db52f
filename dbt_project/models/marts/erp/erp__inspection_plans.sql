select
    plans.inspection_plan_id,
    plans.plan_number,
    plans.material_id,
    plans.plant_id,
    plans.plan_usage,
    plans.inspection_type,
    plans.sample_size,
    plans.sample_unit,
    plans.sampling_procedure,
    plans.inspection_interval_days,
    -- The next inspection is due on the first interval boundary on or after the as-of date.
    cast(
        cast(plans.created_at as date)
        + plans.inspection_interval_days
        * ceil(
            (run_context.as_of_date - cast(plans.created_at as date))
            / cast(plans.inspection_interval_days as numeric)
        )
        * interval '1 day'
        as date
    ) as next_inspection_date,
    true as is_active,
    plans.created_at
from {{ ref('stg_erp__inspection_plans') }} as plans
cross join {{ ref('int_genims_meta__run_context') }} as run_context
