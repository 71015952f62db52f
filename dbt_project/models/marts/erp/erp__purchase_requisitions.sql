with lines as (
    select
        requisition_id,
        count(*) as line_count,
        count(*) filter (where line_status = 'completed') as completed_lines,
        count(assigned_to_po) as assigned_lines
    from {{ ref('erp__purchase_requisition_lines') }}
    group by requisition_id
)

select
    requisitions.requisition_id,
    requisitions.requisition_number,
    requisitions.requisition_type,
    requisitions.requisition_date,
    requisitions.required_date,
    requisitions.requester_id,
    requisitions.cost_center_id,
    requisitions.plant_id,
    requisitions.priority,
    cast('approved' as varchar(30)) as approval_status,
    requisitions.approved_by,
    requisitions.approved_at,
    requisitions.source_type,
    requisitions.source_document,
    cast(case
        when lines.completed_lines = lines.line_count then 'completed'
        when lines.assigned_lines > 0 then 'in_purchasing'
        else 'open'
    end as varchar(30)) as overall_status,
    requisitions.remarks,
    requisitions.created_at,
    requisitions.approved_at as updated_at
from {{ ref('stg_erp__purchase_requisitions') }} as requisitions
inner join lines
    on requisitions.requisition_id = lines.requisition_id
