-- A production order waiting for material waits for a delivery: by the instant its material
-- is available (before the as-of instant), a goods receipt of one of its BOM components at its
-- plant became usable right then (received, or released from quality inspection).
with usable as (
    select
        lines.material_id,
        lines.plant_id,
        case
            when receipts.inspection_result = 'accepted' then receipts.inspection_decided_at else receipts.received_at
        end
            as usable_at
    from {{ ref('stg_erp__goods_receipts') }} as receipts
    inner join {{ ref('stg_erp__purchase_order_lines') }} as lines
        on receipts.po_line_id = lines.po_line_id
),

waiting as (
    select
        orders.production_order_id,
        orders.plant_id,
        orders.bom_id,
        orders.material_available_at
    from {{ ref('stg_erp__production_orders') }} as orders
    cross join {{ ref('int_genims_meta__run_context') }} as run_context
    where orders.material_available_at < run_context.as_of
),

explained as (
    select distinct waiting.production_order_id
    from waiting
    inner join {{ ref('stg_erp__bom_components') }} as components
        on waiting.bom_id = components.bom_id
    inner join usable
        on
            components.material_id = usable.material_id
            and waiting.plant_id = usable.plant_id
            and waiting.material_available_at = usable.usable_at
)

select waiting.*
from waiting
left join explained
    on waiting.production_order_id = explained.production_order_id
where explained.production_order_id is null
