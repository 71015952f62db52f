-- One entry per cross-system hand-off: ERP releases a production order to MES; MES confirms
-- the work order's start, reports its material consumption (once, at the last booking) and
-- confirms its completion (good and scrap quantities).
-- A hand-off during an interface outage (raw_erp.interface_outages) fails and is retried
-- every 15 minutes: completed at the first retry after the outage, or, after 3 failed
-- retries, in error until an operator reprocesses it at 08:00 on the next business morning
-- after the outage (then reprocessed). Still failing
-- at the as-of instant: pending (retries left) or error.
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
),

outages as (
    select
        outages.outage_id,
        outages.started_at,
        coalesce(outages.ended_at, run_context.as_of) as ended_at,
        -- the next business morning at 08:00 after the outage
        cast(
            cast(outages.ended_at as date) + case when cast(outages.ended_at as time) < time '08:00' then 0 else 1 end
            + case extract(
                isodow from cast(outages.ended_at as date)
                + case when cast(outages.ended_at as time) < time '08:00' then 0 else 1 end)
                when 6 then 2 when 7 then 1 else 0
            end as timestamp
        ) + interval '8 hours' as reprocessed_at,
        outages.ended_at is null as ongoing,
        outages.error_type,
        outages.error_text
    from {{ ref('stg_erp__interface_outages') }} as outages
    cross join {{ ref('int_genims_meta__run_context') }} as run_context
),

timeline as (
    -- the latest outage to start at or before each hand-off
    select
        handoffs.*,
        max(handoffs.outage_start) over (
            order by handoffs.sync_timestamp, handoffs.is_handoff, handoffs.document_type, handoffs.document_id
            rows between unbounded preceding and current row
        ) as latest_outage_start
    from (
        select
            sync_timestamp,
            1 as is_handoff,
            sync_direction,
            document_type,
            document_id,
            sync_data,
            cast(null as timestamp) as outage_start
        from handoffs
        union all
        select
            started_at as sync_timestamp,
            0 as is_handoff,
            null as sync_direction,
            null as document_type,
            outage_id as document_id,
            null as sync_data,
            started_at as outage_start
        from outages
    ) as handoffs
),

attempts as (
    select
        timeline.sync_timestamp,
        timeline.sync_direction,
        timeline.document_type,
        timeline.document_id,
        timeline.sync_data,
        outages.error_type,
        outages.error_text,
        outages.ongoing,
        outages.ended_at,
        outages.reprocessed_at,
        -- retries (15 minutes apart) until the first one after the outage
        case when outages.outage_id is not null then cast(ceil(
            extract(epoch from outages.ended_at - timeline.sync_timestamp) / 900.0
        ) as integer) end as retries_needed,
        cast(floor(extract(epoch from run_context.as_of - timeline.sync_timestamp) / 900.0) as integer)
            as retries_possible,
        run_context.as_of
    from timeline
    cross join {{ ref('int_genims_meta__run_context') }} as run_context
    left join outages
        on
            timeline.latest_outage_start = outages.started_at
            and timeline.sync_timestamp < outages.ended_at
    where timeline.is_handoff = 1
),

outcomes as (
    select
        *,
        case
            when retries_needed is null then 0
            else least(retries_needed, 3, retries_possible)
        end as retry_count,
        case
            when retries_needed is null then 'completed'
            when not ongoing and retries_needed <= least(3, retries_possible) then 'completed'
            when retries_needed <= 3 then 'pending'
            when retries_possible < 3 then 'pending'
            when not ongoing and reprocessed_at < as_of then 'reprocessed'
            else 'error'
        end as sync_status
    from attempts
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
    cast(sync_status as varchar(30)) as sync_status,
    cast(case
        when retries_needed is null then null
        when sync_status = 'reprocessed'
            then error_text || ' Failed 3 retries; reprocessed manually.'
        else error_text
    end as text) as error_message,
    sync_data,
    retry_count,
    case when retry_count > 0 then sync_timestamp + retry_count * interval '15 minutes' end as last_retry_at,
    sync_timestamp as created_at
from outcomes
