-- Electronic batch records: status from the review / approval / release trail, deviations
-- counted from the work order's inspections with nonconformities (scrap within the
-- expected yield is no deviation).
with records as (
    select
        batch_records.*,
        context.batch_number,
        context.product_id,
        context.order_quantity,
        context.bom_id,
        context.bom_revision,
        context.actual_start_time,
        context.shelf_life_days,
        context.factory_id,
        context.line_id,
        context.rejected_inspections + context.conditional_inspections as deviations
    from {{ ref('stg_manufacturing__batch_records') }} as batch_records
    inner join {{ ref('int_manufacturing__work_order_context') }} as context
        on batch_records.work_order_id = context.work_order_id
)

select
    ebr_id,
    cast(batch_number as varchar(50)) as batch_number,
    product_id,
    work_order_id,
    cast(order_quantity as integer) as batch_size,
    cast(bom_id as varchar(50)) as formula_id,
    cast(bom_revision as varchar(20)) as formula_version,
    cast(actual_start_time as date) as manufacturing_date,
    -- the product's storage life from the day it was made (NULL: it keeps indefinitely)
    cast(cast(actual_start_time as date) + shelf_life_days as date) as expiration_date,
    cast(cast(actual_start_time as date) + 365 as date) as retest_date,
    factory_id,
    cast(line_id as varchar(100)) as manufacturing_area,
    cast(
        case
            when rejected and reviewed_at is not null then 'rejected'
            when approved_at is not null then 'approved'
            when reviewed_at is not null then 'under_review'
            else 'in_progress'
        end as varchar(30)
    ) as record_status,
    prepared_by,
    prepared_at,
    reviewed_by,
    reviewed_at,
    approved_by,
    approved_at,
    cast(
        case
            when rejected and reviewed_at is not null then 'rejected'
            when released_at is not null then 'released'
            when deviations > 0 and approved_at is null then 'on_hold'
            else 'pending'
        end as varchar(30)
    ) as release_status,
    released_by,
    released_at,
    deviations > 0 as has_deviations,
    cast(deviations as integer) as deviation_count,
    temperature_min_c,
    temperature_max_c,
    humidity_min_percentage,
    humidity_max_percentage,
    regulatory_requirement,
    jsonb_strip_nulls(
        jsonb_build_object(
            'prepared', prepared_at, 'reviewed', reviewed_at, 'approved', approved_at, 'released', released_at
        )
    ) as audit_trail,
    approved_at is not null as electronic_signature_applied,
    case when approved_at is not null then jsonb_build_object('signer', approved_by, 'signed_at', approved_at) end
        as signature_metadata,
    cast(notes as text) as notes,
    prepared_at as created_at,
    coalesce(released_at, approved_at, reviewed_at, prepared_at) as updated_at
from records
