select
    run_id,
    loaded_at,
    seed,
    as_of,
    preset,
    config_fingerprint,
    config,
    domains,
    row_counts,
    seconds
from {{ source('genims_meta', 'load_runs') }}
