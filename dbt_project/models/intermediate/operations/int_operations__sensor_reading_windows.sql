{{ incremental_stream_config() }}

-- Each raw reading with its rolling 1-minute statistics over its sensor's readings, and the
-- reading and statistics as the mart's decimals. The stream step of operations__sensor_data,
-- a table of its own so that neither half of a 2.9 M-reading build (`large`) is one long node:
-- this one sorts and windows the stream, the mart locates and flags it and keys the table.
-- Incremental: a run processes the raw readings with an id above this table's highest, and
-- looks back one window (1 minute) per sensor so the rolling statistics of the new rows
-- equal a full refresh's.
with
{% if is_incremental() %}
    watermark as (
        select coalesce(max(reading_id), 0) as last_id
        from {{ this }}
    ),

    lookback as (
        select
            readings.sensor_id,
            min(readings.reading_time) - interval '1 minute' as since
        from {{ ref('stg_operations__sensor_readings') }} as readings
        cross join watermark
        where readings.reading_id > watermark.last_id
        group by readings.sensor_id
    ),
{% endif %}

-- a full build: every reading; an incremental run: the new readings, and the earlier ones
-- of the same sensors within a window of them
readings as (
    select
        readings.reading_id,
        readings.sensor_id,
        readings.reading_time,
        readings.reading_value,
        readings.quality_code,
        {% if is_incremental() %}
            readings.reading_id > watermark.last_id
        {% else %}
            true
        {% endif %} as is_new
    from {{ ref('stg_operations__sensor_readings') }} as readings
    {% if is_incremental() %}
        cross join watermark
        left join lookback
            on readings.sensor_id = lookback.sensor_id
        where
            readings.reading_id > watermark.last_id
            or readings.reading_time >= lookback.since
    {% endif %}
),

windowed as (
    select
        reading_id,
        sensor_id,
        reading_time,
        reading_value,
        quality_code,
        is_new,
        min(reading_value) over one_minute as min_1min,
        max(reading_value) over one_minute as max_1min,
        avg(reading_value) over one_minute as avg_1min,
        stddev_samp(reading_value) over one_minute as std_1min
    from readings
    window one_minute as (
        partition by sensor_id
        order by reading_time
        range between interval '1 minute' preceding and current row
    )
)

select
    reading_id,
    sensor_id,
    reading_time,
    reading_value,
    quality_code,
    {{ decimal_from_float('reading_value', 15, 4) }} as measurement_value,
    {{ decimal_from_float('min_1min', 15, 4) }} as min_value_1min,
    {{ decimal_from_float('max_1min', 15, 4) }} as max_value_1min,
    {{ decimal_from_float('avg_1min', 15, 4) }} as avg_value_1min,
    {{ decimal_from_float('std_1min', 15, 4) }} as std_dev_1min
from windowed
where is_new
