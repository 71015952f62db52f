-- OEE equals availability x performance x quality (percentages, within rounding) in both
-- SCADA samples and production runs, and is present exactly when all three components are.
select
    'scada_machine_data' as source_table,
    scada_id::text as row_key,
    oee_percentage,
    availability_percentage,
    performance_percentage,
    quality_percentage
from {{ ref('operations__scada_machine_data') }}
where
    abs(oee_percentage - availability_percentage * performance_percentage * quality_percentage / 10000) > 0.006
    or (oee_percentage is null)
    <> (availability_percentage is null or performance_percentage is null or quality_percentage is null)
union all
select
    'production_runs' as source_table,
    run_id as row_key,
    oee_percentage,
    availability_percentage,
    performance_percentage,
    quality_percentage
from {{ ref('operations__production_runs') }}
where
    abs(oee_percentage - availability_percentage * performance_percentage * quality_percentage / 10000) > 0.006
    or (oee_percentage is null)
    <> (availability_percentage is null or performance_percentage is null or quality_percentage is null)
