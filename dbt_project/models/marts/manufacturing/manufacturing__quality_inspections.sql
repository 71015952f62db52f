-- Inspections after completed operations against the finished good's ERP inspection plan:
-- the measurements of the plan's characteristics and their limits as JSON, defect counts
-- from the defects they recorded, the disposition from the result.
with measured as (
    select
        measurements.inspection_id,
        jsonb_object_agg(
            characteristics.characteristic_name,
            coalesce(
                to_jsonb(measurements.measured_value),
                to_jsonb(case when measurements.conforming then 'OK' else 'NOK' end)
            )
        ) as measured_values,
        jsonb_object_agg(
            characteristics.characteristic_name,
            jsonb_build_object(
                'target', characteristics.target_value,
                'lower_limit', characteristics.lower_spec_limit,
                'upper_limit', characteristics.upper_spec_limit,
                'unit', characteristics.unit_of_measure
            )
        ) as specification_values,
        count(*) as characteristics,
        string_agg(
            case
                when not measurements.conforming
                    then
                        characteristics.characteristic_name
                        || coalesce(
                            ' ' || measurements.measured_value || coalesce(' ' || characteristics.unit_of_measure, '')
                            || ' outside '
                            || characteristics.lower_spec_limit
                            || '-'
                            || characteristics.upper_spec_limit,
                            ' not conforming'
                        )
            end,
            '; ' order by characteristics.characteristic_name
        ) as nonconformities
    from {{ ref('stg_manufacturing__inspection_measurements') }} as measurements
    inner join {{ ref('stg_erp__inspection_characteristics') }} as characteristics
        on measurements.characteristic_id = characteristics.characteristic_id
    group by measurements.inspection_id
),

defect_counts as (
    select
        inspection_id,
        count(*) as defects_found,
        count(*) filter (where defect_severity = 'critical') as critical_defects,
        count(*) filter (where defect_severity = 'major') as major_defects,
        count(*) filter (where defect_severity = 'minor') as minor_defects
    from {{ ref('stg_manufacturing__defects') }}
    group by inspection_id
)

select
    inspections.inspection_id,
    cast(inspections.inspection_type as varchar(50)) as inspection_type,
    inspections.inspection_date,
    inspections.work_order_id,
    inspections.operation_id,
    context.product_id,
    cast(inspections.sample_size as integer) as sample_size,
    cast(context.lot_number as varchar(50)) as lot_number,
    cast(context.batch_number as varchar(50)) as batch_number,
    -- assemblies are serialized: a final inspection names the first unit of its sample
    cast(
        case
            when inspections.inspection_type = 'final' and products.product_type = 'assembly'
                then context.batch_number || '-' || right(inspections.inspection_id, 4)
        end as varchar(50)
    ) as serial_number,
    inspections.inspector_id,
    inspections.shift_id,
    cast(inspections.inspection_result as varchar(30)) as inspection_result,
    cast(coalesce(defect_counts.defects_found, 0) as integer) as defects_found,
    cast(coalesce(defect_counts.critical_defects, 0) as integer) as critical_defects,
    cast(coalesce(defect_counts.major_defects, 0) as integer) as major_defects,
    cast(coalesce(defect_counts.minor_defects, 0) as integer) as minor_defects,
    measured.measured_values,
    measured.specification_values,
    cast(
        case inspections.inspection_result
            when 'pass' then 'accept'
            when 'conditional_pass' then 'use_as_is'
            when 'rework_required' then 'rework'
            when 'fail' then 'scrap'
        end as varchar(50)
    ) as disposition,
    cast(
        case
            when inspections.inspection_result = 'pass'
                then 'All ' || measured.characteristics || ' characteristics within specification.'
            when
                inspections.inspection_result = 'hold'
                then 'Held for engineering review: ' || measured.nonconformities || '.'
            when inspections.inspection_result = 'conditional_pass'
                then 'Accepted under deviation: ' || measured.nonconformities || '.'
            else measured.nonconformities || '.'
        end as text
    ) as disposition_reason,
    case when inspections.inspection_result <> 'hold' then inspections.approved_by end as disposition_by,
    cast(
        case
            when inspections.inspection_result in ('fail', 'hold')
                then 'NCR-' || replace(inspections.inspection_id, 'QI-', '')
        end as varchar(50)
    ) as ncr_number,
    inspections.inspection_result in ('fail', 'hold', 'rework_required') as corrective_action_required,
    inspections.inspection_plan_id,
    cast('CL-' || inspections.inspection_type as varchar(50)) as inspection_checklist_id,
    -- inspectors photograph what a review board will look at: critical defects and lots
    -- that did not pass
    (inspections.inspection_result <> 'pass' or coalesce(defect_counts.critical_defects, 0) > 0) as photos_attached,
    inspections.approved_by,
    inspections.approved_at,
    cast(inspections.notes as text) as notes,
    inspections.inspection_date as created_at
from {{ ref('stg_manufacturing__inspections') }} as inspections
inner join {{ ref('int_manufacturing__work_order_context') }} as context
    on inspections.work_order_id = context.work_order_id
inner join {{ ref('stg_master__products') }} as products
    on context.product_id = products.product_id
left join measured
    on inspections.inspection_id = measured.inspection_id
left join defect_counts
    on inspections.inspection_id = defect_counts.inspection_id
