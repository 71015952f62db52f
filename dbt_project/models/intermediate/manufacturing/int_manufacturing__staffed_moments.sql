-- For every moment an operation or a stop starts or ends: the staffed seconds of its line
-- before it (from the roster, raw line_shifts) and whether a staffed shift is on at it. The
-- running staffed time between two moments of a line is the difference of their
-- staffed_seconds_before. One sort of moments and shifts per line (no range join): each
-- moment carries the latest staffed shift that started at or before it (staffed shifts of a
-- line do not overlap, so the running maxima of their start, end and cumulated length are
-- that shift's).

with run_context as (
    select as_of from {{ ref('int_genims_meta__run_context') }}
),

staffed_shifts as (
    select
        line_id,
        shift_start,
        shift_end,
        coalesce(
            sum(extract(epoch from shift_end - shift_start)) over (
                partition by line_id
                order by shift_start
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as staffed_seconds_earlier
    from {{ ref('stg_manufacturing__line_shifts') }}
    where staffed
),

operations as (
    select
        operations.operation_id,
        operations.line_id,
        operations.actual_start_time,
        coalesce(operations.actual_end_time, run_context.as_of) as actual_end_time
    from {{ ref('int_manufacturing__operations') }} as operations
    cross join run_context
    where operations.actual_start_time is not null
),

moments as (
    select
        line_id,
        actual_start_time as moment
    from operations
    union
    select
        line_id,
        actual_end_time as moment
    from operations
    union
    select
        operations.line_id,
        downtime.downtime_start as moment
    from {{ ref('stg_manufacturing__downtime_events') }} as downtime
    inner join operations
        on downtime.operation_id = operations.operation_id
    union
    select
        operations.line_id,
        coalesce(downtime.downtime_end, run_context.as_of) as moment
    from {{ ref('stg_manufacturing__downtime_events') }} as downtime
    inner join operations
        on downtime.operation_id = operations.operation_id
    cross join run_context
),

timeline as (
    select
        line_id,
        moment as at_time,
        1 as kind,
        cast(null as timestamp) as shift_start,
        cast(null as timestamp) as shift_end,
        cast(null as numeric) as staffed_seconds_earlier
    from moments
    union all
    select
        line_id,
        shift_start as at_time,
        0 as kind,
        shift_start,
        shift_end,
        staffed_seconds_earlier
    from staffed_shifts
),

carried as (
    select
        line_id,
        at_time,
        kind,
        max(shift_start) over latest as shift_start,
        max(shift_end) over latest as shift_end,
        max(staffed_seconds_earlier) over latest as staffed_seconds_earlier
    from timeline
    window latest as (partition by line_id order by at_time, kind rows unbounded preceding)
)

select
    line_id,
    at_time as moment,
    coalesce(staffed_seconds_earlier, 0)
    + coalesce(
        greatest(0, least(extract(epoch from at_time - shift_start), extract(epoch from shift_end - shift_start))), 0
    ) as staffed_seconds_before,
    coalesce(at_time < shift_end, false) as in_staffed_shift
from carried
where kind = 1
