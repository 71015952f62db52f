-- Customers order what their agreements say: over the order history, a customer's ordered
-- quantity is within 25 % of its agreements' annual volumes for the days each was in force.
with settings as (
    select
        run_context.as_of,
        cast(run_context.as_of - interval '1 second' as date) as last_day,
        run_context.as_of_date - cast(load_runs.config -> 'erp' ->> 'days_of_history' as integer) as first_day
    from {{ ref('int_genims_meta__run_context') }} as run_context
    inner join {{ ref('stg_genims_meta__load_runs') }} as load_runs
        on run_context.run_id = load_runs.run_id
),

expected as (
    select
        agreements.customer_id,
        sum(
            agreements.annual_volume
            * (least(agreements.valid_to, settings.last_day) - greatest(agreements.valid_from, settings.first_day) + 1)
            / 365.0
        ) as expected_quantity
    from {{ ref('stg_master__customer_agreements') }} as agreements
    cross join settings
    where agreements.valid_from <= settings.last_day and agreements.valid_to >= settings.first_day
    group by agreements.customer_id
),

ordered as (
    select
        orders.customer_id,
        sum(lines.order_quantity) as ordered_quantity
    from {{ ref('erp__sales_order_lines') }} as lines
    inner join {{ ref('erp__sales_orders') }} as orders
        on lines.sales_order_id = orders.sales_order_id
    group by orders.customer_id
)

select
    expected.customer_id,
    expected.expected_quantity,
    ordered.ordered_quantity
from expected
left join ordered
    on expected.customer_id = ordered.customer_id
where
    expected.expected_quantity >= 500
    and abs(coalesce(ordered.ordered_quantity, 0) - expected.expected_quantity) > 0.25 * expected.expected_quantity
