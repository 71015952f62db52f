-- Customer deliveries, one per sales order line delivered before the as-of instant:
-- a make-to-order line served by a production order ships the good quantity (up to the line's
-- quantity) two hours after the work order completes; any other line ships in full from the
-- plant's finished-goods stock on its requested delivery date.
select
    lines.sales_order_line_id,
    lines.sales_order_id,
    lines.line_number,
    lines.material_id,
    lines.plant_id,
    actuals.production_order_id,
    case
        when actuals.production_order_id is null
            then cast(lines.requested_delivery_date as timestamp) + interval '10 hours'
        else actuals.actual_end_time + interval '2 hours'
    end as delivered_at,
    case
        when actuals.production_order_id is null then lines.order_quantity
        else least(lines.order_quantity, actuals.good_quantity)
    end as delivered_quantity
from {{ ref('stg_erp__sales_order_lines') }} as lines
cross join {{ ref('int_genims_meta__run_context') }} as run_context
left join {{ ref('int_erp__production_order_actuals') }} as actuals
    on
        lines.sales_order_id = actuals.sales_order_id
        and lines.line_number = actuals.sales_order_line
where
    (
        actuals.production_order_id is null
        and cast(lines.requested_delivery_date as timestamp) + interval '10 hours' < run_context.as_of
    )
    or (
        actuals.actual_end_time is not null
        and actuals.good_quantity > 0
        and actuals.actual_end_time + interval '2 hours' < run_context.as_of
    )
