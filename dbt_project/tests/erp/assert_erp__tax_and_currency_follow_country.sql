-- Documents follow their partner's country: a sales order is in the customer's currency and
-- its lines carry the customer's country's tax code; a supplier trades in its country's
-- currency, and its purchase orders are in it and carry its country's tax code.
select
    'sales order line' as document,
    lines.sales_order_line_id as document_id
from {{ ref('erp__sales_order_lines') }} as lines
inner join {{ ref('erp__sales_orders') }} as orders
    on lines.sales_order_id = orders.sales_order_id
inner join {{ ref('master__customers') }} as customers
    on orders.customer_id = customers.customer_id
inner join {{ ref('stg_erp__countries') }} as countries
    on customers.country = countries.country
where orders.currency <> countries.currency or lines.tax_code <> countries.tax_code
union all
select
    'supplier' as document,
    suppliers.supplier_id as document_id
from {{ ref('erp__suppliers') }} as suppliers
inner join {{ ref('stg_erp__countries') }} as countries
    on suppliers.country = countries.country
where suppliers.currency <> countries.currency
union all
select
    'purchase order line' as document,
    lines.po_line_id as document_id
from {{ ref('erp__purchase_order_lines') }} as lines
inner join {{ ref('erp__purchase_orders') }} as orders
    on lines.purchase_order_id = orders.purchase_order_id
inner join {{ ref('erp__suppliers') }} as suppliers
    on orders.supplier_id = suppliers.supplier_id
inner join {{ ref('stg_erp__countries') }} as countries
    on suppliers.country = countries.country
where orders.currency <> suppliers.currency or lines.tax_code <> countries.tax_code
