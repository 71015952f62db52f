-- Every inventory balance equals the sum of its movements (per material, plant and storage
-- location), and every combination with movements has a balance row.
with movements as (
    select
        material_id,
        plant_id,
        storage_location,
        sum(quantity) as quantity
    from {{ ref('erp__inventory_transactions') }}
    group by material_id, plant_id, storage_location
)

select
    coalesce(balances.material_id, movements.material_id) as material_id,
    coalesce(balances.plant_id, movements.plant_id) as plant_id,
    coalesce(balances.storage_location, movements.storage_location) as storage_location,
    balances.unrestricted_stock,
    movements.quantity
from {{ ref('erp__inventory_balances') }} as balances
full outer join movements
    on
        balances.material_id = movements.material_id
        and balances.plant_id = movements.plant_id
        and balances.storage_location = movements.storage_location
where
    balances.material_id is null
    or movements.material_id is null
    or balances.unrestricted_stock
    + balances.quality_inspection_stock
    + balances.blocked_stock
    <> movements.quantity
