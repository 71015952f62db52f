-- The ledger shows the business: revenue and the cost of goods sold are posted and revenue
-- exceeds them (the margin band per family is a GX expectation, it depends on the config);
-- receivables are the invoices not yet paid, GR/IR the goods receipts neither billed nor
-- returned, payables the supplier invoices not yet paid.
with ledger as (
    select
        gl_account,
        sum(coalesce(debit_amount, 0) - coalesce(credit_amount, 0)) as balance
    from {{ ref('erp__general_ledger') }}
    group by gl_account
),

open_receivables as (
    select sum(net_amount_usd + tax_amount_usd) as amount
    from {{ ref('int_erp__customer_invoices') }}
    where paid_at is null
),

open_payables as (
    select sum(net_amount_usd + tax_amount_usd) as amount
    from {{ ref('int_erp__supplier_invoices') }}
    where paid_at is null
),

unbilled_receipts as (
    select
        sum(receipts.quantity_received * (lines.unit_price * orders.exchange_rate)) as amount,
        count(*) as receipts
    from {{ ref('stg_erp__goods_receipts') }} as receipts
    inner join {{ ref('stg_erp__purchase_order_lines') }} as lines
        on receipts.po_line_id = lines.po_line_id
    inner join {{ ref('stg_erp__purchase_orders') }} as orders
        on receipts.purchase_order_id = orders.purchase_order_id
    where receipts.invoice_received_at is null and receipts.returned_at is null
),

figures as (
    select
        coalesce(-max(ledger.balance) filter (where ledger.gl_account = '400000'), 0) as revenue,
        coalesce(max(ledger.balance) filter (where ledger.gl_account = '600000'), 0) as cost_of_sales,
        coalesce(max(ledger.balance) filter (where ledger.gl_account = '120000'), 0) as receivables,
        coalesce(-max(ledger.balance) filter (where ledger.gl_account = '210000'), 0) as payables,
        coalesce(-max(ledger.balance) filter (where ledger.gl_account = '191100'), 0) as gr_ir
    from ledger
)

select
    figures.*,
    coalesce(open_receivables.amount, 0) as expected_receivables,
    coalesce(open_payables.amount, 0) as expected_payables,
    coalesce(unbilled_receipts.amount, 0) as expected_gr_ir
from figures
cross join open_receivables
cross join open_payables
cross join unbilled_receipts
where
    figures.revenue <= 0
    or figures.cost_of_sales <= 0
    or figures.revenue <= figures.cost_of_sales
    or abs(figures.receivables - coalesce(open_receivables.amount, 0)) > 0.005
    or abs(figures.payables - coalesce(open_payables.amount, 0)) > 0.005
    -- each receipt's GR/IR value is rounded to cents once
    or abs(figures.gr_ir - coalesce(unbilled_receipts.amount, 0)) > 0.005 * unbilled_receipts.receipts + 0.005
