-- An inspection uses ERP's inspection plan for its work order's finished good and measures
-- exactly that plan's characteristics; a quantitative measurement conforms when it lies
-- within the characteristic's spec limits; the result follows the measurements: pass when
-- every characteristic conforms, otherwise not, and a conditional pass only on minor ones.
with inspections as (
    select
        inspections.*,
        work_orders.material_id
    from {{ ref('stg_manufacturing__inspections') }} as inspections
    inner join {{ ref('int_manufacturing__work_order_outcomes') }} as work_orders
        on inspections.work_order_id = work_orders.work_order_id
),

measured as (
    select
        measurements.inspection_id,
        count(*) as measured,
        count(*) filter (where characteristics.inspection_plan_id <> inspections.inspection_plan_id)
            as from_other_plans,
        count(*) filter (where not measurements.conforming) as nonconforming,
        count(*) filter (
            where not measurements.conforming and characteristics.characteristic_class <> 'minor'
        ) as nonconforming_not_minor,
        count(*) filter (
            where
            measurements.measured_value is not null
            and measurements.conforming
            <> (
                measurements.measured_value
                between characteristics.lower_spec_limit and characteristics.upper_spec_limit
            )
        ) as misjudged
    from {{ ref('stg_manufacturing__inspection_measurements') }} as measurements
    inner join inspections
        on measurements.inspection_id = inspections.inspection_id
    inner join {{ ref('stg_erp__inspection_characteristics') }} as characteristics
        on measurements.characteristic_id = characteristics.characteristic_id
    group by measurements.inspection_id
),

plan_sizes as (
    select
        inspection_plan_id,
        count(*) as characteristics
    from {{ ref('stg_erp__inspection_characteristics') }}
    group by inspection_plan_id
)

select
    inspections.inspection_id,
    inspections.inspection_plan_id,
    inspections.inspection_result,
    measured.measured,
    plan_sizes.characteristics,
    measured.nonconforming
from inspections
left join {{ ref('stg_erp__inspection_plans') }} as plans
    on inspections.inspection_plan_id = plans.inspection_plan_id
left join plan_sizes
    on inspections.inspection_plan_id = plan_sizes.inspection_plan_id
left join measured
    on inspections.inspection_id = measured.inspection_id
where
    plans.inspection_plan_id is null
    or plans.material_id <> inspections.material_id
    or coalesce(measured.measured, 0) <> plan_sizes.characteristics
    or measured.from_other_plans > 0
    or measured.misjudged > 0
    or (inspections.inspection_result = 'pass') <> (measured.nonconforming = 0)
    or (inspections.inspection_result = 'conditional_pass' and measured.nonconforming_not_minor > 0)
