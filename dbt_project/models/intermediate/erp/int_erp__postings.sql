-- The ERP ledger's lines in USD, one business event per document, debits = credits:
--   stock movements: each value on its stock account against the movement's offset (561
--     opening balance 399999, PO receipt 101 and return 122 GR/IR 191100, MES issue 261/262
--     material consumption 510000, MES output 101 production output at standard cost 520000
--     (absorbing the standard labour and machine cost of the routing), consumables issued to
--     a cost center 201 operating supplies 410000, customer delivery 601 cost of goods sold
--     600000); the inspection's transfers (321/350) move no value;
--   customer invoice at the goods issue: receivables 120000 / revenue 400000 + output tax
--     220000; the customer's payment: bank 110000 / receivables;
--   supplier invoice: GR/IR + input tax 154000 / payables 210000; the payment run: payables /
--     bank.
-- Clearing: an invoice's receivable or payable line with its payment; a goods receipt's
-- GR/IR line with its invoice (a rejected lot's with its return).
with movements as (
    select
        transactions.*,
        materials.material_type,
        orders.line_id
    from {{ ref('erp__inventory_transactions') }} as transactions
    inner join {{ ref('stg_erp__materials') }} as materials
        on transactions.material_id = materials.material_id
    left join {{ ref('stg_erp__production_orders') }} as orders
        on transactions.production_order_id = orders.production_order_id
    where transactions.amount <> 0 and transactions.movement_type not in ('321', '350')
),

line_cost_centers as (
    select
        line_id,
        min(cost_center_id) as cost_center_id
    from {{ ref('stg_erp__work_centers') }}
    group by line_id
),

receipt_clearing as (
    -- a goods receipt's GR/IR lines clear with its invoice, or a rejected lot's with its return
    select
        goods_receipt_id,
        invoice_number as clearing_document,
        cast(invoiced_at as date) as clearing_date
    from {{ ref('int_erp__supplier_invoices') }}
    union all
    select
        goods_receipt_id,
        'RT-' || gr_number as clearing_document,
        cast(returned_at as date) as clearing_date
    from {{ ref('stg_erp__goods_receipts') }}
    where returned_at is not null
),

stock_events as (
    select
        movements.material_document as document_number,
        case
            when movements.movement_type = '561' then 'WI'
            when movements.goods_receipt_id is not null then 'WE'
            when movements.movement_type = '601' then 'WL'
            else 'WA'
        end as document_type,
        movements.posting_date,
        movements.transaction_id as source_document_id,
        movements.created_at,
        movements.created_by,
        movements.plant_id,
        coalesce(movements.production_order_id, movements.purchase_order_id, movements.sales_order_id)
            as reference_document,
        movements.transaction_id as assignment,
        case
            when movements.movement_type = '561' then 'MB1C'
            when movements.goods_receipt_id is not null then 'MIGO'
            when movements.movement_type = '601' then 'VL02N'
            when movements.movement_type = '201' then 'MB1A'
            else 'CO11N'
        end as transaction_code,
        case when movements.work_order_id is not null then 'MES' else 'ERP' end as source_system,
        case
            when movements.movement_type = '561' then 'Opening stock in '
            when movements.movement_type = '101' and movements.goods_receipt_id is not null
                then 'Goods receipt for purchase order '
            when movements.movement_type = '101' then 'Output of production order '
            when movements.movement_type = '122' then 'Rejected lot returned, purchase order '
            when movements.movement_type in ('261', '262') then 'Material for production order '
            when movements.movement_type = '201' then 'Consumables issued to cost center '
            else 'Delivery for sales order '
        end
        || coalesce(
            movements.purchase_order_id, movements.production_order_id, movements.sales_order_id,
            movements.reason_code, movements.plant_id
        ) || ': ' || trim(to_char(abs(movements.quantity), 'FM999999990.###')) || ' '
        || movements.unit_of_measure || ' of ' || movements.material_id as text,
        abs(movements.amount) as amount,
        movements.quantity > 0 as into_stock,
        {{ stock_account('movements.material_type') }} as stock_account,
        case movements.movement_type
            when '561' then '399999'
            when '101' then case when movements.goods_receipt_id is null then '520000' else '191100' end
            when '122' then '191100'
            when '261' then '510000'
            when '262' then '510000'
            when '201' then '410000'
            when '601' then '600000'
        end as offset_account,
        case
            when movements.movement_type in ('101', '261', '262') and movements.goods_receipt_id is null
                then line_cost_centers.cost_center_id
        end as offset_cost_center,
        movements.goods_receipt_id
    from movements
    left join line_cost_centers
        on movements.line_id = line_cost_centers.line_id
),

issue_cost_centers as (
    select
        issue_id,
        cost_center_id
    from {{ ref('stg_erp__cost_center_issues') }}
),

sides as (
    -- a movement's stock line (true) and offset line; a payment's bank line and open item
    select true as is_stock_side
    union all
    select false as is_stock_side
),

stock_postings as (
    select
        stock_events.document_number,
        stock_events.document_type,
        stock_events.posting_date,
        stock_events.source_document_id,
        stock_events.created_at,
        stock_events.created_by,
        stock_events.plant_id,
        stock_events.reference_document,
        stock_events.assignment,
        stock_events.transaction_code,
        stock_events.source_system,
        stock_events.text,
        sides.is_stock_side,
        case when sides.is_stock_side then stock_events.stock_account else stock_events.offset_account end
            as gl_account,
        case when sides.is_stock_side = stock_events.into_stock then 'debit' else 'credit' end as side,
        stock_events.amount,
        case
            when
                not sides.is_stock_side
                then coalesce(stock_events.offset_cost_center, issue_cost_centers.cost_center_id)
        end
            as cost_center_id,
        case
            when not sides.is_stock_side and stock_events.offset_account = '191100'
                then receipt_clearing.clearing_document
        end as clearing_document,
        case
            when not sides.is_stock_side and stock_events.offset_account = '191100'
                then receipt_clearing.clearing_date
        end as clearing_date
    from stock_events
    cross join sides
    left join issue_cost_centers
        on stock_events.document_number = issue_cost_centers.issue_id
    left join receipt_clearing
        on stock_events.goods_receipt_id = receipt_clearing.goods_receipt_id
),

customer_invoices as (
    select
        invoices.*,
        orders.sales_order_number
    from {{ ref('int_erp__customer_invoices') }} as invoices
    inner join {{ ref('stg_erp__sales_orders') }} as orders
        on invoices.sales_order_id = orders.sales_order_id
),

billing_postings as (
    select
        invoices.invoice_number as document_number,
        'RV' as document_type,
        cast(invoices.billed_at as date) as posting_date,
        invoices.invoice_number as source_document_id,
        invoices.billed_at as created_at,
        'SD-BILLING' as created_by,
        invoices.plant_id,
        invoices.sales_order_id as reference_document,
        invoices.customer_id as assignment,
        'VF01' as transaction_code,
        'ERP' as source_system,
        'Invoice ' || invoices.invoice_number || ' to ' || invoices.customer_id || ', sales order '
        || invoices.sales_order_number || ': ' || invoices.delivered_quantity || ' x '
        || invoices.material_id || ', ' || invoices.net_amount || ' ' || invoices.currency
        || ' + ' || invoices.tax_code as text,
        false as is_stock_side,
        lines.gl_account,
        lines.side,
        lines.amount,
        cast(null as varchar(50)) as cost_center_id,
        case
            when lines.gl_account = '120000' and invoices.paid_at is not null
                then 'PAY-' || invoices.invoice_number
        end as clearing_document,
        case when lines.gl_account = '120000' then cast(invoices.paid_at as date) end as clearing_date
    from customer_invoices as invoices
    cross join
        lateral (
            values
            ('120000', 'debit', invoices.net_amount_usd + invoices.tax_amount_usd),
            ('400000', 'credit', invoices.net_amount_usd),
            ('220000', 'credit', invoices.tax_amount_usd)
        ) as lines (gl_account, side, amount)

),

supplier_postings as (
    select
        invoices.invoice_number as document_number,
        'RE' as document_type,
        cast(invoices.invoiced_at as date) as posting_date,
        invoices.invoice_number as source_document_id,
        invoices.invoiced_at as created_at,
        'MM-INVOICE' as created_by,
        invoices.plant_id,
        invoices.purchase_order_id as reference_document,
        invoices.supplier_id as assignment,
        'MIRO' as transaction_code,
        'ERP' as source_system,
        'Supplier invoice ' || invoices.invoice_number || ' from ' || invoices.supplier_id
        || ' for goods receipt ' || invoices.goods_receipt_id || ', ' || invoices.net_amount || ' '
        || invoices.currency || ' + ' || invoices.tax_code as text,
        false as is_stock_side,
        lines.gl_account,
        lines.side,
        lines.amount,
        cast(null as varchar(50)) as cost_center_id,
        case
            when lines.gl_account = '191100' then invoices.invoice_number
            when lines.gl_account = '210000' and invoices.paid_at is not null then 'PAY-' || invoices.invoice_number
        end as clearing_document,
        case
            when lines.gl_account = '191100' then cast(invoices.invoiced_at as date)
            when lines.gl_account = '210000' then cast(invoices.paid_at as date)
        end as clearing_date
    from {{ ref('int_erp__supplier_invoices') }} as invoices
    cross join
        lateral (
            values
            ('191100', 'debit', invoices.net_amount_usd),
            ('154000', 'debit', invoices.tax_amount_usd),
            ('210000', 'credit', invoices.net_amount_usd + invoices.tax_amount_usd)
        ) as lines (gl_account, side, amount)
),

open_items as (
    -- what a payment clears: a customer invoice's receivable, a supplier invoice's payable
    select
        invoice_number,
        'DZ' as document_type,
        'F-28' as transaction_code,
        'FI-BANK' as created_by,
        'Payment from ' as wording,
        paid_at,
        plant_id,
        sales_order_id as reference_document,
        customer_id as assignment,
        '120000' as item_account,
        'credit' as item_side,
        net_amount_usd + tax_amount_usd as amount
    from customer_invoices
    where paid_at is not null
    union all
    select
        invoice_number,
        'KZ' as document_type,
        'F110' as transaction_code,
        'FI-PAYRUN' as created_by,
        'Payment run to ' as wording,
        paid_at,
        plant_id,
        purchase_order_id as reference_document,
        supplier_id as assignment,
        '210000' as item_account,
        'debit' as item_side,
        net_amount_usd + tax_amount_usd as amount
    from {{ ref('int_erp__supplier_invoices') }}
    where paid_at is not null
),

payment_postings as (
    -- the open item against the bank account, both lines of it cleared by the payment
    select
        'PAY-' || items.invoice_number as document_number,
        items.document_type,
        cast(items.paid_at as date) as posting_date,
        'PAY-' || items.invoice_number as source_document_id,
        items.paid_at as created_at,
        items.created_by,
        items.plant_id,
        items.reference_document,
        items.assignment,
        items.transaction_code,
        'ERP' as source_system,
        items.wording || items.assignment || ' for invoice ' || items.invoice_number as text,
        false as is_stock_side,
        case when sides.is_stock_side then '110000' else items.item_account end as gl_account,
        case when sides.is_stock_side = (items.item_side = 'credit') then 'debit' else 'credit' end as side,
        items.amount,
        cast(null as varchar(50)) as cost_center_id,
        case when not sides.is_stock_side then 'PAY-' || items.invoice_number end as clearing_document,
        case when not sides.is_stock_side then cast(items.paid_at as date) end as clearing_date
    from open_items as items
    cross join sides
)

select *
from (
    select * from stock_postings
    union all
    select * from billing_postings
    union all
    select * from supplier_postings
    union all
    select * from payment_postings
) as postings
where amount <> 0
