-- Inspections after completed operations; defect counts are derived from the defects they
-- recorded, the disposition from the result.
with defect_counts as (
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
    cast(null as varchar(50)) as serial_number,
    inspections.inspector_id,
    inspections.shift_id,
    cast(inspections.inspection_result as varchar(30)) as inspection_result,
    cast(coalesce(defect_counts.defects_found, 0) as integer) as defects_found,
    cast(coalesce(defect_counts.critical_defects, 0) as integer) as critical_defects,
    cast(coalesce(defect_counts.major_defects, 0) as integer) as major_defects,
    cast(coalesce(defect_counts.minor_defects, 0) as integer) as minor_defects,
    jsonb_build_object('characteristic', 'critical_dimension_mm', 'value', inspections.measured_value)
        as measured_values,
    jsonb_build_object(
        'nominal', inspections.nominal_value,
        'lower_limit', inspections.nominal_value - inspections.tolerance,
        'upper_limit', inspections.nominal_value + inspections.tolerance
    ) as specification_values,
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
            when inspections.inspection_result = 'pass' then 'Within specification.'
            when inspections.inspection_result = 'hold' then 'Held pending engineering review.'
            else
                'Measured ' || inspections.measured_value || ' against nominal '
                || inspections.nominal_value || ' +/- ' || inspections.tolerance || '.'
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
    cast('IP-' || context.product_id as varchar(50)) as inspection_plan_id,
    cast('CL-' || inspections.inspection_type as varchar(50)) as inspection_checklist_id,
    coalesce(defect_counts.defects_found, 0) > 0 as photos_attached,
    inspections.approved_by,
    inspections.approved_at,
    cast(null as text) as notes,
    inspections.inspection_date as created_at
from {{ ref('stg_manufacturing__inspections') }} as inspections
inner join {{ ref('int_manufacturing__work_order_context') }} as context
    on inspections.work_order_id = context.work_order_id
left join defect_counts
    on inspections.inspection_id = defect_counts.inspection_id
