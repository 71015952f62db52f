-- MRP elements per run (plant, planning date P, horizon H): demands in [P, P + H) that are
-- open at P (what sales order lines still owe, BOM components of production orders not
-- started), the material's safety stock, stock on hand at P, scheduled receipts still open at
-- P (production orders, PO lines), and for every material whose net requirement = demand +
-- safety stock - on hand - scheduled receipts is positive a proposal covering it (a purchase
-- requisition, or a planned production order) with its exception: shortage when demand
-- itself is uncovered, below_safety_stock when only the safety stock is.
-- A table: several models and tests read it, and a view would compute it again for each.
{{ config(materialized='table') }}

with runs as (
    select
        run_sequence,
        plant_id,
        planning_date,
        planning_horizon_days,
        cast(planning_date as timestamp) as cutoff,
        planning_date + planning_horizon_days as horizon_end
    from {{ ref('int_erp__mrp_runs') }}
),

independent as (
    select
        runs.run_sequence,
        lines.material_id,
        'independent_requirement' as element_type,
        lines.requested_delivery_date as element_date,
        lines.order_quantity - coalesce(sum(deliveries.delivered_quantity), 0) as requirement_quantity,
        cast(null as numeric) as receipt_quantity,
        lines.sales_order_id as source_document,
        lines.line_number as source_line
    from runs
    inner join {{ ref('stg_erp__sales_order_lines') }} as lines
        on
            runs.plant_id = lines.plant_id
            and runs.planning_date <= lines.requested_delivery_date
            and runs.horizon_end > lines.requested_delivery_date
            and runs.cutoff > lines.created_at
    left join {{ ref('int_erp__deliveries') }} as deliveries
        on
            lines.sales_order_line_id = deliveries.sales_order_line_id
            and runs.cutoff > deliveries.delivered_at
    group by
        runs.run_sequence, lines.material_id, lines.requested_delivery_date, lines.order_quantity,
        lines.sales_order_id, lines.line_number
    having lines.order_quantity - coalesce(sum(deliveries.delivered_quantity), 0) > 0
),

dependent as (
    select
        runs.run_sequence,
        components.material_id,
        'dependent_requirement' as element_type,
        orders.basic_start_date as element_date,
        orders.order_quantity * components.component_quantity / boms.base_quantity
        * (1 + components.component_scrap_percentage / 100) as requirement_quantity,
        cast(null as numeric) as receipt_quantity,
        orders.production_order_id as source_document,
        components.item_number as source_line
    from runs
    inner join {{ ref('int_erp__production_order_actuals') }} as orders
        on
            runs.plant_id = orders.plant_id
            and runs.planning_date <= orders.basic_start_date
            and runs.horizon_end > orders.basic_start_date
            and runs.cutoff > orders.created_at
            and (orders.actual_start_time is null or runs.cutoff <= orders.actual_start_time)
    inner join {{ ref('stg_erp__bill_of_materials') }} as boms
        on orders.bom_id = boms.bom_id
    inner join {{ ref('stg_erp__bom_components') }} as components
        on boms.bom_id = components.bom_id
),

demand as (
    select * from independent
    union all
    select * from dependent
),

planned as (
    select distinct
        run_sequence,
        material_id
    from demand
),

safety as (
    select
        planned.run_sequence,
        planned.material_id,
        'safety_stock' as element_type,
        runs.planning_date as element_date,
        cast(materials.safety_stock as numeric) as requirement_quantity,
        cast(null as numeric) as receipt_quantity,
        cast(null as varchar(50)) as source_document,
        cast(null as integer) as source_line
    from planned
    inner join runs
        on planned.run_sequence = runs.run_sequence
    inner join {{ ref('stg_erp__materials') }} as materials
        on planned.material_id = materials.material_id
    where materials.safety_stock > 0
),

stock as (
    select
        planned.run_sequence,
        planned.material_id,
        'stock' as element_type,
        runs.planning_date as element_date,
        cast(null as numeric) as requirement_quantity,
        coalesce(sum(movements.quantity), 0) as receipt_quantity,
        cast(null as varchar(50)) as source_document,
        cast(null as integer) as source_line
    from planned
    inner join runs
        on planned.run_sequence = runs.run_sequence
    left join {{ ref('int_erp__inventory_movements') }} as movements
        on
            planned.material_id = movements.material_id
            and runs.plant_id = movements.plant_id
            and runs.cutoff > movements.moved_at
    group by planned.run_sequence, planned.material_id, runs.planning_date
),

production_receipts as (
    select
        runs.run_sequence,
        orders.material_id,
        'production_order' as element_type,
        greatest(orders.basic_end_date, runs.planning_date) as element_date,
        cast(null as numeric) as requirement_quantity,
        cast(orders.order_quantity as numeric) as receipt_quantity,
        orders.production_order_id as source_document,
        cast(null as integer) as source_line
    from runs
    inner join {{ ref('int_erp__production_order_actuals') }} as orders
        on
            runs.plant_id = orders.plant_id
            and runs.cutoff > orders.created_at
            and runs.horizon_end > orders.basic_end_date
            and (orders.actual_end_time is null or runs.cutoff <= orders.actual_end_time)
    inner join planned
        on runs.run_sequence = planned.run_sequence and orders.material_id = planned.material_id
),

received_before as (
    select
        runs.run_sequence,
        receipts.po_line_id,
        sum(receipts.quantity_received) as quantity
    from runs
    inner join {{ ref('stg_erp__goods_receipts') }} as receipts
        on runs.cutoff > receipts.received_at
    group by runs.run_sequence, receipts.po_line_id
),

purchase_receipts as (
    select
        runs.run_sequence,
        lines.material_id,
        'purchase_order' as element_type,
        greatest(lines.delivery_date, runs.planning_date) as element_date,
        cast(null as numeric) as requirement_quantity,
        cast(lines.order_quantity - coalesce(received_before.quantity, 0) as numeric) as receipt_quantity,
        lines.purchase_order_id as source_document,
        lines.line_number as source_line
    from runs
    inner join {{ ref('stg_erp__purchase_order_lines') }} as lines
        on
            runs.plant_id = lines.plant_id
            and runs.cutoff > lines.created_at
            and runs.horizon_end > lines.delivery_date
    inner join planned
        on runs.run_sequence = planned.run_sequence and lines.material_id = planned.material_id
    left join received_before
        on runs.run_sequence = received_before.run_sequence and lines.po_line_id = received_before.po_line_id
    where lines.order_quantity - coalesce(received_before.quantity, 0) > 0
),

supply_and_demand as (
    select * from demand
    union all
    select * from safety
    union all
    select * from stock
    union all
    select * from production_receipts
    union all
    select * from purchase_receipts
),

net as (
    select
        run_sequence,
        material_id,
        coalesce(sum(requirement_quantity), 0) - coalesce(sum(receipt_quantity), 0) as net_requirement,
        coalesce(sum(requirement_quantity) filter (where element_type <> 'safety_stock'), 0)
        - coalesce(sum(receipt_quantity), 0) as uncovered_demand
    from supply_and_demand
    group by run_sequence, material_id
),

proposals as (
    select
        net.run_sequence,
        net.material_id,
        case
            when materials.material_type = 'finished_good' then 'production_order'
            else 'purchase_requisition'
        end as element_type,
        runs.planning_date as element_date,
        cast(null as numeric) as requirement_quantity,
        net.net_requirement as receipt_quantity,
        cast(null as varchar(50)) as source_document,
        cast(null as integer) as source_line,
        -- demand itself uncovered, or only the safety stock
        case when net.uncovered_demand > 0 then 'shortage' else 'below_safety_stock' end as exception_message
    from net
    inner join runs
        on net.run_sequence = runs.run_sequence
    inner join {{ ref('stg_erp__materials') }} as materials
        on net.material_id = materials.material_id
    where net.net_requirement > 0
)

select
    elements.*,
    runs.plant_id,
    runs.planning_date
from (
    select
        *,
        cast(null as varchar(20)) as exception_message
    from supply_and_demand
    union all
    select * from proposals
) as elements
inner join runs
    on elements.run_sequence = runs.run_sequence
