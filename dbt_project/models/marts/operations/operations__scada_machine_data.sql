{{ incremental_stream_config() }}

-- PLC samples located by line and factory, with their shift and operator, OEE components
-- from the shift counters (availability = uptime / (uptime + downtime), performance =
-- target cycle x parts / uptime, quality = good / produced, oee = their product), the
-- fault text and the last fault seen on the machine. Warning codes are the PLC's own limits
-- on its process values and, as a PLC latches its sensors' alarms, every sensor of the
-- machine whose latest reading is past a warning threshold (W-<quantity>-HIGH, -HIHI past
-- the critical one; -LOW, -LOLO): the samples warn exactly when the readings do.
-- Incremental: a run processes the raw samples with an id above the mart's highest; the
-- last fault time carries over from the rows already in the mart.
with
{% if is_incremental() %}
    watermark as (
        select coalesce(max(scada_id), 0) as last_id
        from {{ this }}
    ),

    earlier_faults as (
        select
            machine_id,
            max(last_fault_timestamp) as last_fault_timestamp
        from {{ this }}
        group by machine_id
    ),
{% endif %}

samples as (
    select samples.*
    from {{ ref('stg_operations__scada_samples') }} as samples
    {% if is_incremental() %}
        cross join watermark
        where samples.sample_id > watermark.last_id
    {% endif %}
),

machines as (
    select
        machines.machine_id,
        machines.machine_type,
        locations.line_id,
        locations.factory_id,
        round(3600.0 / nullif(machines.design_capacity_units_per_hour, 0))::integer as target_cycle_seconds
    from {{ ref('stg_master__machines') }} as machines
    inner join {{ ref('int_master__machine_locations') }} as locations
        on machines.machine_id = locations.machine_id
),

-- the shift of each factory at each sampling instant, looked up once per instant, not once
-- per machine (every machine of a factory samples at the same instants); materialized, or
-- the planner would evaluate the lookup after the join, once per sample again
sample_shifts as materialized (
    select
        instants.factory_id,
        instants.sample_time,
        {{ operations_shift_at('instants.factory_id', 'instants.sample_time') }} as shift_id
    from (
        select distinct
            machines.factory_id,
            samples.sample_time
        from samples
        inner join machines
            on samples.machine_id = machines.machine_id
    ) as instants
),

-- a reading past a warning threshold holds its sensor's warning until the sensor's next
-- reading (an index probe each: such readings are few); consecutive warned readings of a
-- sensor at one level are one span
warned_readings as (
    select
        readings.sensor_id,
        readings.machine_id,
        readings.timestamp as warned_from,
        (
            select min(later.timestamp)
            from {{ ref('operations__sensor_data') }} as later
            where later.sensor_id = readings.sensor_id and later.timestamp > readings.timestamp
        ) as warned_until,
        'W-'
        || case sensors.sensor_type
            when 'temperature' then 'TEMP'
            when 'pressure' then 'PRES'
            when 'vibration' then 'VIB'
            when 'current' then 'CURR'
            when 'voltage' then 'VOLT'
            when 'speed' then 'SPEED'
            when 'torque' then 'TORQ'
            when 'flow' then 'FLOW'
            else upper(sensors.sensor_type)
        end
        || case
            when readings.is_above_critical then '-HIHI'
            when readings.is_above_warning then '-HIGH'
            when readings.is_below_critical then '-LOLO'
            else '-LOW'
        end as warning_code
    from {{ ref('operations__sensor_data') }} as readings
    inner join {{ ref('int_operations__sensors') }} as sensors
        on readings.sensor_id = sensors.sensor_id
    where readings.status <> 'normal'
),

warning_spans as (
    select
        machine_id,
        warning_code,
        min(warned_from) as warned_from,
        -- null: no reading since, the warning stands
        max(coalesce(warned_until, 'infinity'::timestamp)) as warned_until
    from (
        select
            *,
            count(*) filter (where starts_span) over (
                partition by sensor_id order by warned_from
                rows between unbounded preceding and current row
            ) as span_number
        from (
            select
                *,
                coalesce(
                    lag(warned_until) over by_sensor <> warned_from
                    or lag(warning_code) over by_sensor <> warning_code,
                    true
                ) as starts_span
            from warned_readings
            window by_sensor as (partition by sensor_id order by warned_from)
        ) as flagged
    ) as numbered
    group by sensor_id, machine_id, warning_code, span_number
),

sensor_warnings as (
    select
        samples.sample_id,
        string_agg(distinct warning_spans.warning_code, ',' order by warning_spans.warning_code)
            as warning_codes
    from samples
    inner join warning_spans
        on
            samples.machine_id = warning_spans.machine_id
            and samples.sample_time >= warning_spans.warned_from
            and samples.sample_time < warning_spans.warned_until
    group by samples.sample_id
),

enriched as (
    select
        samples.*,
        machines.line_id,
        machines.factory_id,
        machines.machine_type,
        machines.target_cycle_seconds,
        sample_shifts.shift_id,
        max(case when samples.machine_state = 'fault' then samples.sample_time end)
            over (
                partition by samples.machine_id
                order by samples.sample_time
                rows between unbounded preceding and current row
            )
            as window_fault_time,
        {% if is_incremental() %}
            earlier_faults.last_fault_timestamp as earlier_fault_time,
        {% else %}
            null::timestamp as earlier_fault_time,
        {% endif %}
        round(
            100.0 * samples.uptime_seconds_shift
            / nullif(samples.uptime_seconds_shift + samples.downtime_seconds_shift, 0), 2
        ) as availability,
        round(least(
            100.0, 100.0 * machines.target_cycle_seconds * samples.parts_produced_shift
            / nullif(samples.uptime_seconds_shift, 0)
        ), 2) as performance,
        round(
            100.0 * (samples.parts_produced_shift - samples.parts_rejected_shift)
            / nullif(samples.parts_produced_shift, 0), 2
        ) as quality
    from samples
    inner join machines
        on samples.machine_id = machines.machine_id
    inner join sample_shifts
        on
            machines.factory_id = sample_shifts.factory_id
            and samples.sample_time = sample_shifts.sample_time
    {% if is_incremental() %}
        left join earlier_faults
            on samples.machine_id = earlier_faults.machine_id
    {% endif %}
)

select
    enriched.sample_id::bigint as scada_id,
    enriched.machine_id::varchar(50) as machine_id,
    enriched.line_id::varchar(50) as line_id,
    enriched.factory_id::varchar(50) as factory_id,
    enriched.sample_time::timestamp as timestamp,
    enriched.machine_state::varchar(50) as machine_state,
    enriched.operation_mode::varchar(50) as operation_mode,
    enriched.fault_code::varchar(50) as fault_code,
    patterns.fault_description::text as fault_description,
    enriched.parts_produced_cumulative::bigint as parts_produced_cumulative,
    enriched.parts_produced_shift::integer as parts_produced_shift,
    enriched.parts_rejected_shift::integer as parts_rejected_shift,
    enriched.target_cycle_seconds::integer as target_cycle_time_seconds,
    {{ decimal_from_float('enriched.cycle_time_seconds', 10, 2) }} as actual_cycle_time_seconds,
    enriched.availability::decimal(5, 2) as availability_percentage,
    enriched.performance::decimal(5, 2) as performance_percentage,
    enriched.quality::decimal(5, 2) as quality_percentage,
    round(enriched.availability * enriched.performance * enriched.quality / 10000, 2)::decimal(5, 2)
        as oee_percentage,
    enriched.spindle_speed_rpm::integer as spindle_speed_rpm,
    {{ decimal_from_float('enriched.feed_rate_mm_min', 10, 2) }} as feed_rate_mm_min,
    enriched.tool_number::integer as tool_number,
    enriched.program_number::varchar(50) as program_number,
    {{ decimal_from_float('enriched.power_kw', 10, 2) }} as power_consumption_kw,
    {{ decimal_from_float('enriched.energy_kwh_cumulative', 15, 4) }} as energy_consumed_kwh,
    {{ decimal_from_float('enriched.temperature_setpoint_c', 8, 2) }} as temperature_setpoint_c,
    {{ decimal_from_float('enriched.temperature_actual_c', 8, 2) }} as temperature_actual_c,
    {{ decimal_from_float('enriched.pressure_setpoint_bar', 8, 2) }} as pressure_setpoint_bar,
    {{ decimal_from_float('enriched.pressure_actual_bar', 8, 2) }} as pressure_actual_bar,
    enriched.downtime_seconds_shift::integer as downtime_seconds_shift,
    greatest(enriched.window_fault_time, enriched.earlier_fault_time)::timestamp as last_fault_timestamp,
    enriched.uptime_seconds_shift::integer as uptime_seconds_shift,
    coalesce(cardinality(string_to_array(enriched.alarm_codes, ',')), 0)::integer as active_alarms,
    enriched.alarm_codes::varchar(500) as alarm_codes,
    (
        select string_agg(distinct codes.code, ',' order by codes.code)
        from unnest(
            string_to_array(enriched.warning_codes, ',')
            || string_to_array(sensor_warnings.warning_codes, ',')
        ) as codes (code)
    )::varchar(500) as warning_codes,
    enriched.shift_id::varchar(50) as shift_id,
    (case when enriched.machine_state <> 'stopped' then crew.operator_id end)::varchar(50) as operator_id,
    -- machines with their own controller report from their PLC; conveyors and test benches
    -- through the line's SCADA server; manual assembly stations through MES terminals
    (case enriched.machine_type
        when 'conveyor' then 'SCADA'
        when 'testing' then 'SCADA'
        when 'assembly' then 'MES'
        else 'PLC'
    end)::varchar(50) as data_source,
    (case enriched.quality_code
        when 192 then 'good'
        when 64 then 'uncertain'
        else 'bad'
    end)::varchar(20) as data_quality,
    enriched.sample_time::timestamp as created_at
from enriched
left join sensor_warnings
    on enriched.sample_id = sensor_warnings.sample_id
left join {{ ref('stg_operations__fault_patterns') }} as patterns
    on enriched.fault_code = patterns.fault_code
left join {{ ref('stg_master__shifts') }} as shifts
    on enriched.shift_id = shifts.shift_id
left join {{ ref('int_operations__line_crew') }} as crew
    on
        enriched.line_id = crew.line_id
        and shifts.shift_name = crew.shift_name
