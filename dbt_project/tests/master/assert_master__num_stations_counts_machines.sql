-- A line's num_stations is the number of machines on it.
with machine_counts as (
    select
        line_id,
        count(*) as machine_count
    from {{ ref('master__machines') }}
    group by line_id
)

select
    lines.line_id,
    lines.num_stations,
    coalesce(machine_counts.machine_count, 0) as machine_count
from {{ ref('master__production_lines') }} as lines
left join machine_counts
    on lines.line_id = machine_counts.line_id
where lines.num_stations is distinct from coalesce(machine_counts.machine_count, 0)
