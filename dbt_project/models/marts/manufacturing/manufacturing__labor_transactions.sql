-- Labor clocked inside a shift. Direct labor gets its share of the operation's output and
-- standard hours (by time worked); overtime and weekend shift hours are paid at 1.5x.
select
    labor.labor_transaction_id,
    labor.clock_in_time as transaction_date,
    labor.employee_id,
    labor.shift_id,
    labor.work_order_id,
    labor.operation_id,
    cast(
        case labor.activity_type
            when 'direct_labor' then 'DL'
            when 'setup' then 'SU'
            when 'indirect_labor' then 'IL'
            when 'training' then 'TR'
            when 'maintenance' then 'MT'
            when 'meeting' then 'MTG'
        end as varchar(50)
    ) as activity_code,
    cast(labor.activity_type as varchar(50)) as activity_type,
    labor.clock_in_time,
    labor.clock_out_time,
    cast(round(labor.clocked_minutes) as integer) as duration_minutes,
    cast(labor.break_time_minutes as integer) as break_time_minutes,
    cast(
        case when labor.activity_type = 'direct_labor' then round(labor.operation_output * labor.output_share) end
        as integer
    ) as quantity_produced,
    cast(
        case when labor.activity_type = 'direct_labor' then round(labor.operation_scrap * labor.output_share) end
        as integer
    ) as quantity_rejected,
    cast(labor.standard_hours as decimal(8, 2)) as standard_hours,
    cast(labor.worked_hours as decimal(8, 2)) as actual_hours,
    cast(
        case
            when labor.standard_hours is not null and labor.worked_hours > 0
                then least(100.0 * labor.standard_hours / labor.worked_hours, 999.99)
        end as decimal(5, 2)
    ) as efficiency_percentage,
    labor.hourly_rate,
    cast(labor.labor_cost as decimal(12, 2)) as labor_cost,
    cast(labor.overtime_hours as decimal(8, 2)) as overtime_hours,
    cast(labor.overtime_hours * labor.hourly_rate * 1.5 as decimal(12, 2)) as overtime_cost,
    labor.approved_by is not null as approved,
    labor.approved_by,
    labor.approved_at,
    cast(labor.notes as text) as notes,
    coalesce(labor.clock_out_time, labor.clock_in_time) as created_at
from {{ ref('int_manufacturing__labor') }} as labor
