-- The primary line has the product's highest yield, then the lowest cycle time, then the
-- lowest line_id: no other line of the product ranks before it.
select
    primary_line.product_id,
    primary_line.line_id as primary_line_id,
    other_line.line_id as better_line_id
from {{ ref('master__line_product_mapping') }} as primary_line
inner join {{ ref('master__line_product_mapping') }} as other_line
    on
        primary_line.product_id = other_line.product_id
        and primary_line.line_id != other_line.line_id
where
    primary_line.is_primary_line
    and (
        other_line.yield_percentage > primary_line.yield_percentage
        or (
            other_line.yield_percentage = primary_line.yield_percentage
            and (
                other_line.standard_cycle_time_seconds < primary_line.standard_cycle_time_seconds
                or (
                    other_line.standard_cycle_time_seconds = primary_line.standard_cycle_time_seconds
                    and other_line.line_id < primary_line.line_id
                )
            )
        )
    )
