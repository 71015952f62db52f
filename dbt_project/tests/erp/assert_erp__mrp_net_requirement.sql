-- Recomputes each run's net requirement per material (demand - stock on hand - open
-- scheduled receipts) from its elements: a material short by X has exactly one proposal of
-- X, and a material that is not short has none.
with elements as (
    select
        mrp_run_id,
        material_id,
        sum(requirement_quantity) filter (where exception_message is null) as demand,
        sum(receipt_quantity) filter (where exception_message is null) as supply,
        sum(receipt_quantity) filter (where exception_message is not null) as proposed,
        count(*) filter (where exception_message is not null) as proposals
    from {{ ref('erp__mrp_elements') }}
    group by mrp_run_id, material_id
)

select *
from elements
where
    (coalesce(demand, 0) - coalesce(supply, 0) > 0.001 and (proposals <> 1 or abs(
        proposed - (coalesce(demand, 0) - coalesce(supply, 0))
    ) > 0.001))
    or (coalesce(demand, 0) - coalesce(supply, 0) <= 0.001 and proposals <> 0)
