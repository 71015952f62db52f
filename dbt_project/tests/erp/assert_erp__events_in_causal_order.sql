-- Business events happen in causal order: a production order is created after the sales
-- order it serves, created <= released <= its basic start and before its first movement; a
-- purchase requisition is approved before its PO, a PO is created before its goods receipts;
-- deliveries follow their order; nothing moves at or after the as-of instant.
select
    'production order created before its sales order' as problem,
    orders.production_order_id as document_id
from {{ ref('erp__production_orders') }} as orders
inner join {{ ref('erp__sales_orders') }} as sales
    on orders.sales_order_id = sales.sales_order_id
where orders.created_at <= sales.created_at
union all
select
    'production order released before created or after its start' as problem,
    production_order_id as document_id
from {{ ref('erp__production_orders') }}
where
    released_at < created_at
    or released_at > cast(basic_start_date as timestamp)
    or basic_end_date < basic_start_date
    or actual_start_date < cast(released_at as date)
    or actual_finish_date < actual_start_date
union all
select
    'goods receipt not after its purchase order' as problem,
    receipts.goods_receipt_id as document_id
from {{ ref('erp__goods_receipts') }} as receipts
inner join {{ ref('erp__purchase_orders') }} as orders
    on receipts.purchase_order_id = orders.purchase_order_id
where receipts.created_at <= orders.released_at or receipts.gr_date < orders.po_date
union all
select
    'requisition not approved before its purchase order' as problem,
    requisitions.requisition_id as document_id
from {{ ref('erp__purchase_requisitions') }} as requisitions
inner join {{ ref('erp__purchase_order_lines') }} as lines
    on requisitions.requisition_id = lines.requisition_id
where
    requisitions.approved_at < requisitions.created_at
    or requisitions.approved_at >= lines.created_at
union all
select
    'movement before its order or at/after the as-of instant' as problem,
    transactions.transaction_id as document_id
from {{ ref('erp__inventory_transactions') }} as transactions
cross join {{ ref('int_genims_meta__run_context') }} as run_context
left join {{ ref('erp__production_orders') }} as orders
    on transactions.production_order_id = orders.production_order_id
left join {{ ref('erp__sales_orders') }} as sales
    on transactions.sales_order_id = sales.sales_order_id
where
    transactions.created_at >= run_context.as_of
    or transactions.created_at < orders.released_at
    or (transactions.movement_type = '601' and transactions.created_at <= sales.created_at)
