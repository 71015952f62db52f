-- One row per (line, product) qualified by trials: averaged trial results, the pooled yield,
-- the line's rank for the product (best yield, then fastest cycle, then line_id) and a
-- deterministic sequence number for the mapping id.
with trial_totals as (
    select
        line_id,
        product_id,
        min(trial_date) as first_trial_date,
        count(*) as trial_count,
        round(avg(cycle_time_seconds)) as standard_cycle_time_seconds,
        round(avg(setup_time_minutes)) as setup_time_minutes,
        round(avg(changeover_time_minutes)) as changeover_time_minutes,
        sum(units_produced) as units_produced,
        sum(units_good) as units_good
    from {{ ref('stg_master__line_product_trials') }}
    group by line_id, product_id
),

measured as (
    select
        trial_totals.line_id,
        trial_totals.product_id,
        lines.factory_id,
        trial_totals.first_trial_date,
        trial_totals.trial_count,
        trial_totals.standard_cycle_time_seconds,
        trial_totals.setup_time_minutes,
        trial_totals.changeover_time_minutes,
        trial_totals.units_produced,
        trial_totals.units_good,
        round(100.0 * trial_totals.units_good / nullif(trial_totals.units_produced, 0), 2) as yield_percentage
    from trial_totals
    left join {{ ref('stg_master__production_lines') }} as lines
        on trial_totals.line_id = lines.line_id
)

select
    line_id,
    product_id,
    factory_id,
    first_trial_date,
    trial_count,
    standard_cycle_time_seconds,
    setup_time_minutes,
    changeover_time_minutes,
    units_produced,
    units_good,
    yield_percentage,
    row_number() over (
        partition by product_id
        order by yield_percentage desc nulls last, standard_cycle_time_seconds asc, line_id asc
    ) as line_rank,
    row_number() over (order by line_id, product_id) as mapping_number
from measured
