select
    cost_center_id,
    cost_center_code,
    cost_center_name,
    cast('1000' as varchar(10)) as controlling_area,
    cost_center_group,
    parent_cost_center_id,
    cast('1000' as varchar(10)) as company_code,
    cast(case when plant_id is null then 'CORP' else 'MFG' end as varchar(10)) as business_area,
    plant_id,
    responsible_person,
    cost_center_category,
    true as is_active,
    valid_from,
    cast(null as date) as valid_to,
    created_at
from {{ ref('stg_erp__cost_centers') }}
