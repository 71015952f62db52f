select
    cost_center_id,
    cost_center_code,
    cost_center_name,
    cost_center_group,
    parent_cost_center_id,
    plant_id,
    responsible_person,
    cost_center_category,
    valid_from,
    created_at
from {{ source('raw_erp', 'cost_centers') }}
