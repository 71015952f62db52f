-- Changeovers on a line: the setup of a work order's first operation after the line's previous
-- order (a product or format change, or for a repeat of the product a material or tool
-- change); the phases add up to the operation's actual setup time. The plan and the SMED
-- target (90 % of it) follow the kind of change: a material change is planned at a third of a
-- product change.
select
    changeovers.changeover_id,
    operations.line_id,
    operations.machine_id,
    cast(changeovers.changeover_type as varchar(50)) as changeover_type,
    from_orders.product_id as from_product_id,
    operations.product_id as to_product_id,
    changeovers.from_work_order_id,
    changeovers.to_work_order_id,
    changeovers.changeover_start,
    changeovers.changeover_start + make_interval(mins => operations.actual_setup_minutes) as changeover_end,
    planned.minutes as planned_duration_minutes,
    cast(
        changeovers.teardown_time_minutes + changeovers.setup_time_minutes
        + changeovers.adjustment_time_minutes + changeovers.trial_run_time_minutes as integer
    ) as actual_duration_minutes,
    cast(changeovers.teardown_time_minutes as integer) as teardown_time_minutes,
    cast(changeovers.setup_time_minutes as integer) as setup_time_minutes,
    cast(changeovers.adjustment_time_minutes as integer) as adjustment_time_minutes,
    cast(changeovers.trial_run_time_minutes as integer) as trial_run_time_minutes,
    changeovers.changeover_start + make_interval(mins => operations.actual_setup_minutes) as first_good_part_time,
    cast(changeovers.parts_produced_during_setup as integer) as parts_produced_during_setup,
    cast(changeovers.parts_scrapped_during_setup as integer) as parts_scrapped_during_setup,
    changeovers.supervisor_id,
    changeovers.operator_ids,
    changeovers.first_piece_inspection_passed,
    changeovers.quality_approval_by,
    planned.target_minutes as target_changeover_time_minutes,
    -- above the SMED target: what the kind of change could move off-line
    cast(
        case
            when operations.actual_setup_minutes > planned.target_minutes
                then
                    'Over the ' || planned.target_minutes || '-minute target by '
                    || (operations.actual_setup_minutes - planned.target_minutes)
                    || ' min: '
                    || case changeovers.changeover_type
                        when 'product_change' then 'move teardown and tool preparation off-line (SMED).'
                        when 'format_change' then 'standardize the format parts and fit quick clamps.'
                        when 'material_change' then 'stage the next material lot at the line before the change.'
                        else 'preset the tools off the machine.'
                    end
        end as text
    ) as improvement_opportunity,
    changeovers.changeover_start as created_at
from {{ ref('stg_manufacturing__changeovers') }} as changeovers
inner join {{ ref('int_manufacturing__operations') }} as operations
    on changeovers.operation_id = operations.operation_id
inner join {{ ref('int_manufacturing__work_order_outcomes') }} as from_orders
    on changeovers.from_work_order_id = from_orders.work_order_id
cross join lateral (
    select
        cast(greatest(round(operations.planned_setup_time_minutes * standard.share), 1) as integer) as minutes,
        cast(greatest(round(operations.planned_setup_time_minutes * standard.share * 0.9), 1) as integer)
            as target_minutes
    from (
        -- the standard time of each kind of change against the routing's full product changeover
        select
            case changeovers.changeover_type
                when 'product_change' then 1.1
                when 'format_change' then 0.65
                when 'material_change' then 0.3
                else 0.4
            end as share
    ) as standard
) as planned
