-- What is bought is used where it is bought: a purchase order line's material is a component
-- of a product made in the line's plant (a routing there), or a consumable the plant's stores
-- issue to its cost centers.
with used as (
    select distinct
        components.material_id,
        routings.plant_id
    from {{ ref('stg_erp__bom_components') }} as components
    inner join {{ ref('stg_erp__bill_of_materials') }} as boms
        on components.bom_id = boms.bom_id
    inner join {{ ref('stg_erp__routing') }} as routings
        on boms.product_id = routings.product_id
    union
    select distinct
        material_id,
        plant_id
    from {{ ref('stg_erp__cost_center_issues') }}
)

select
    lines.po_line_id,
    lines.material_id,
    lines.plant_id
from {{ ref('erp__purchase_order_lines') }} as lines
left join used
    on lines.material_id = used.material_id and lines.plant_id = used.plant_id
where used.material_id is null
