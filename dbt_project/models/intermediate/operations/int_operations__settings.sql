-- The current load's operations settings (from the config recorded with the load run).
select
    load_runs.run_id,
    load_runs.as_of,
    (load_runs.config -> 'operations' ->> 'sensor_sampling_seconds')::integer as sensor_sampling_seconds,
    (load_runs.config -> 'operations' ->> 'readings_per_burst')::integer as readings_per_burst,
    (load_runs.config -> 'operations' ->> 'scada_sampling_seconds')::integer as scada_sampling_seconds,
    (load_runs.config -> 'operations' ->> 'sensor_health_interval_hours')::integer as health_interval_hours,
    (load_runs.config -> 'operations' ->> 'history_days')::integer as history_days,
    least(
        (load_runs.config -> 'operations' ->> 'telemetry_days')::integer,
        (load_runs.config -> 'operations' ->> 'history_days')::integer
    ) as telemetry_days
from {{ ref('stg_genims_meta__load_runs') }} as load_runs
inner join {{ ref('int_genims_meta__run_context') }} as run_context
    on load_runs.run_id = run_context.run_id
