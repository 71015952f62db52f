-- Material issued to and returned from work orders (quantity is positive; the type gives
-- the direction), valued at the ERP standard cost and traced to the work order's lot.
-- Serialized components (electronic modules: ERP material groups pcb and sensor) carry a unit
-- serial each, numbered per material in the order they are issued: a transaction names the
-- first serial of the units it moves (an issue of n units takes the next n serials; a return
-- brings back the last units of its issue).
with serialized as (
    select
        bookings.transaction_id,
        bookings.work_order_id,
        bookings.bom_component_id,
        bookings.material_id,
        bookings.transaction_type,
        bookings.moved_at,
        cast(ceil(abs(bookings.quantity)) as bigint) as units
    from {{ ref('stg_manufacturing__material_bookings') }} as bookings
    inner join {{ ref('stg_erp__materials') }} as materials
        on bookings.material_id = materials.material_id
    where materials.material_group in ('pcb', 'sensor')
),

issue_serials as (
    select
        transaction_id,
        work_order_id,
        bom_component_id,
        units,
        coalesce(sum(units) over (
            partition by material_id order by moved_at, transaction_id
            rows between unbounded preceding and 1 preceding
        ), 0) + 1 as first_serial
    from serialized
    where transaction_type = 'issue'
),

serials as (
    select
        transaction_id,
        first_serial
    from issue_serials
    union all
    select
        returns.transaction_id,
        issues.first_serial + issues.units - returns.units as first_serial
    from serialized as returns
    inner join issue_serials as issues
        on
            returns.work_order_id = issues.work_order_id
            and returns.bom_component_id = issues.bom_component_id
    where returns.transaction_type = 'return'
)

select
    bookings.transaction_id,
    cast(bookings.transaction_type as varchar(30)) as transaction_type,
    bookings.moved_at as transaction_date,
    bookings.work_order_id,
    bookings.operation_id,
    materials.material_code,
    materials.material_name,
    cast(
        case when materials.material_type = 'packaging' then 'consumable' else materials.material_type end
        as varchar(50)
    ) as material_type,
    cast(abs(bookings.quantity) as decimal(15, 4)) as quantity,
    cast(materials.base_unit_of_measure as varchar(20)) as unit_of_measure,
    cast(context.lot_number as varchar(50)) as lot_number,
    cast(context.batch_number as varchar(50)) as batch_number,
    cast(materials.material_code || '-' || lpad(cast(serials.first_serial as varchar), 7, '0') as varchar(50))
        as serial_number,
    bookings.lot_expiry_date as expiry_date,
    bookings.supplier_lot_number,
    cast(
        case
            when bookings.transaction_type = 'issue' then 'STORES-' || context.factory_id
            else context.line_id
        end as varchar(100)
    ) as from_location,
    cast(
        case
            when bookings.transaction_type = 'issue' then context.line_id
            else 'STORES-' || context.factory_id
        end as varchar(100)
    ) as to_location,
    cast('STORES-' || context.factory_id as varchar(100)) as warehouse_location,
    cast(materials.standard_cost as decimal(12, 4)) as unit_cost,
    cast(abs(bookings.quantity) * materials.standard_cost as decimal(15, 2)) as total_cost,
    cast('approved' as varchar(30)) as quality_status,
    coalesce(materials.inspection_required, false) as inspection_required,
    cast(
        case when materials.material_type = 'raw_material' then 'COA-' || bookings.supplier_lot_number end
        as varchar(100)
    ) as certificate_of_analysis,
    bookings.supplier_lot_number as parent_lot_number,
    cast(context.lot_number as varchar(50)) as consumed_by_lot_number,
    bookings.performed_by,
    batch_records.ebr_id is not null as requires_documentation,
    coalesce(batch_records.approved_at is not null, false) as documentation_complete,
    bookings.moved_at as created_at
from {{ ref('stg_manufacturing__material_bookings') }} as bookings
inner join {{ ref('int_manufacturing__work_order_context') }} as context
    on bookings.work_order_id = context.work_order_id
inner join {{ ref('stg_erp__materials') }} as materials
    on bookings.material_id = materials.material_id
left join {{ ref('stg_manufacturing__batch_records') }} as batch_records
    on bookings.work_order_id = batch_records.work_order_id
left join serials
    on bookings.transaction_id = serials.transaction_id
