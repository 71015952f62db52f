select
    materials.material_id,
    materials.material_code,
    materials.material_name,
    materials.material_type,
    materials.material_group,
    cast(case when materials.material_type = 'finished_good' then '8708' else '7326' end as varchar(50))
        as commodity_code,
    materials.product_family,
    materials.base_unit_of_measure,
    materials.weight_kg,
    cast(round(materials.weight_kg / 2700.0, 6) as decimal(10, 6)) as volume_m3,
    -- a box of the part's volume, 1.6 : 1 : 0.6, in mm; bulk materials (in KG) have none
    cast(case
        when materials.base_unit_of_measure <> 'KG' then
            round(1.6 * cbrt(materials.weight_kg / 2700.0 * 1e9)) || 'x'
            || round(cbrt(materials.weight_kg / 2700.0 * 1e9)) || 'x'
            || round(0.6 * cbrt(materials.weight_kg / 2700.0 * 1e9))
    end as varchar(100)) as dimensions,
    materials.procurement_type,
    materials.default_supplier_id,
    materials.lead_time_days,
    materials.minimum_order_quantity,
    -- packaging is bought in whole minimum quantities, anything else in multiples of 10
    cast(
        case when materials.material_type = 'packaging' then materials.minimum_order_quantity else 10 end
        as decimal(15, 4)
    ) as order_multiple,
    cast(prices.abc_classification as varchar(1)) as abc_classification,
    materials.reorder_point,
    materials.safety_stock,
    materials.maximum_stock,
    cast(materials.material_type as varchar(50)) as valuation_class,
    cast(materials.standard_cost as decimal(15, 4)) as standard_cost,
    cast(round(prices.moving_average_price, 4) as decimal(15, 4)) as moving_average_cost,
    cast(prices.last_purchase_price as decimal(15, 4)) as last_purchase_price,
    materials.inspection_required,
    materials.shelf_life_days,
    materials.mrp_type,
    materials.lot_sizing_procedure,
    cast(case when materials.material_type = 'finished_good' then 7 else materials.lead_time_days end as integer)
        as planning_time_fence_days,
    -- a discontinued product's finished good is obsolete: no longer made
    cast(case when products.status = 'discontinued' then 'obsolete' else 'active' end as varchar(30))
        as material_status,
    materials.procurement_type = 'make' as blocked_for_procurement,
    coalesce(products.status = 'discontinued', false) as blocked_for_production,
    materials.product_id,
    materials.created_by,
    materials.created_at,
    materials.created_at as updated_at
from {{ ref('stg_erp__materials') }} as materials
left join {{ ref('int_erp__material_prices') }} as prices
    on materials.material_id = prices.material_id
left join {{ ref('stg_master__products') }} as products
    on materials.product_id = products.product_id
