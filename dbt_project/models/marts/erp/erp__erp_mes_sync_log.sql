-- One entry per cross-system hand-off: ERP releases a production order to MES; MES confirms
-- the work order's start, reports its material consumption (once, at the last booking) and
-- confirms its completion (good and scrap quantities).
with handoffs as (
    select
        released_at as sync_timestamp,
        'ERP_TO_MES' as sync_direction,
        'production_order' as document_type,
        production_order_id as document_id,
        jsonb_build_object(
            'work_order_id', work_order_id, 'material_id', material_id,
            'order_quantity', order_quantity, 'basic_start_date', basic_start_date
        ) as sync_data
    from {{ ref('int_erp__production_order_actuals') }}
    union all
    select
        actual_start_time as sync_timestamp,
        'MES_TO_ERP' as sync_direction,
        'work_order' as document_type,
        work_order_id as document_id,
        jsonb_build_object('production_order_id', production_order_id, 'status', 'started')
            as sync_data
    from {{ ref('int_erp__production_order_actuals') }}
    where actual_start_time is not null
    union all
    select
        max(moved_at) as sync_timestamp,
        'MES_TO_ERP' as sync_direction,
        'material_consumption' as document_type,
        work_order_id as document_id,
        jsonb_build_object(
            'production_order_id', max(production_order_id), 'bookings', count(*),
            'quantity', -sum(quantity)
        ) as sync_data
    from {{ ref('int_erp__inventory_movements') }}
    where movement_type in ('261', '262')
    group by work_order_id
    union all
    select
        actual_end_time as sync_timestamp,
        'MES_TO_ERP' as sync_direction,
        'production_confirmation' as document_type,
        work_order_id as document_id,
        jsonb_build_object(
            'production_order_id', production_order_id, 'good_quantity', good_quantity,
            'scrap_quantity', scrap_quantity
        ) as sync_data
    from {{ ref('int_erp__production_order_actuals') }}
    where actual_end_time is not null
)

select
    cast(
        {{ padded_id('SYNC', 'row_number() over (order by sync_timestamp, document_type, document_id)', 7) }}
        as varchar(50)
    ) as sync_id,
    sync_timestamp,
    cast(sync_direction as varchar(10)) as sync_direction,
    cast(document_type as varchar(50)) as document_type,
    cast(document_id as varchar(50)) as document_id,
    cast('completed' as varchar(30)) as sync_status,
    cast(null as text) as error_message,
    sync_data,
    0 as retry_count,
    cast(null as timestamp) as last_retry_at,
    sync_timestamp as created_at
from handoffs
