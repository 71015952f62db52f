-- Defects recorded by inspections (the scrapped, reworked or accepted-as-is units of the
-- operations an inspection covers), with the work order, operation and product of the
-- inspection; cost from the finished good's standard cost by disposition (scrap in full,
-- rework at 20 %, use as is free).
select
    defects.defect_id,
    cast(
        upper(left(defects.defect_category, 3)) || '-' || upper(left(defects.defect_severity, 3))
        as varchar(50)
    ) as defect_code,
    cast(defects.defect_category as varchar(50)) as defect_category,
    cast(defects.description_text as text) as defect_description,
    cast(defects.defect_severity as varchar(20)) as defect_severity,
    defects.detected_date,
    inspections.work_order_id,
    inspections.operation_id,
    defects.inspection_id,
    context.product_id,
    cast(context.lot_number as varchar(50)) as lot_number,
    cast(defects.quantity_affected as integer) as quantity_affected,
    defects.detected_by,
    cast(defects.detection_method as varchar(50)) as detection_method,
    cast(defects.root_cause_category as varchar(100)) as root_cause_category,
    cast(defects.root_cause_text as text) as root_cause_description,
    defects.status in ('action_pending', 'closed') as root_cause_analysis_complete,
    cast(defects.corrective_action_text as text) as corrective_action,
    cast(defects.preventive_action_text as text) as preventive_action,
    defects.action_owner,
    defects.action_due_date,
    defects.status = 'closed' as action_completed,
    cast(
        case when defects.disposition = 'scrap' then defects.quantity_affected * context.standard_cost else 0 end
        as decimal(12, 2)
    ) as scrap_cost,
    cast(
        case when defects.disposition = 'rework' then defects.quantity_affected * context.standard_cost * 0.2 else 0 end
        as decimal(12, 2)
    ) as rework_cost,
    cast(
        defects.quantity_affected * context.standard_cost
        * case defects.disposition when 'scrap' then 1 when 'rework' then 0.2 else 0 end as decimal(12, 2)
    ) as total_cost,
    cast(defects.status as varchar(30)) as status,
    defects.closed_date,
    defects.detected_date as created_at,
    coalesce(defects.closed_date, defects.detected_date) as updated_at
from {{ ref('stg_manufacturing__defects') }} as defects
inner join {{ ref('stg_manufacturing__inspections') }} as inspections
    on defects.inspection_id = inspections.inspection_id
inner join {{ ref('int_manufacturing__work_order_context') }} as context
    on inspections.work_order_id = context.work_order_id
