-- One supplier invoice per goods receipt it bills (rejected lots are not billed): the
-- received quantity at the PO line's price, with the sales tax of the supplier's country, in
-- the PO's currency and in USD at the PO's exchange rate. Due after the supplier's payment
-- terms (2/10NET30: paid within 10 days for the discount); paid by the weekly payment run on
-- the first Friday on or after the due date, when that comes before the as-of instant.
with invoices as (
    select
        receipts.invoice_number,
        receipts.goods_receipt_id,
        receipts.purchase_order_id,
        lines.plant_id,
        orders.supplier_id,
        orders.currency,
        orders.exchange_rate,
        countries.tax_code,
        countries.tax_rate,
        receipts.invoice_received_at as invoiced_at,
        round(receipts.quantity_received * lines.unit_price, 2) as net_amount,
        -- as the goods receipt valued it: the GR/IR account clears to zero
        round(receipts.quantity_received * (lines.unit_price * orders.exchange_rate), 2) as net_amount_usd,
        case suppliers.payment_terms
            when 'NET30' then 30 when 'NET45' then 45 when 'NET60' then 60 when '2/10NET30' then 10
        end as payment_days
    from {{ ref('stg_erp__goods_receipts') }} as receipts
    inner join {{ ref('stg_erp__purchase_order_lines') }} as lines
        on receipts.po_line_id = lines.po_line_id
    inner join {{ ref('stg_erp__purchase_orders') }} as orders
        on receipts.purchase_order_id = orders.purchase_order_id
    inner join {{ ref('stg_erp__suppliers') }} as suppliers
        on orders.supplier_id = suppliers.supplier_id
    inner join {{ ref('stg_erp__countries') }} as countries
        on suppliers.country = countries.country
    where receipts.invoice_received_at is not null
),

valued as (
    select
        *,
        round(net_amount * tax_rate / 100, 2) as tax_amount,
        round(round(net_amount * tax_rate / 100, 2) * exchange_rate, 2) as tax_amount_usd,
        cast(invoiced_at as date) + payment_days as due_date
    from invoices
)

select
    valued.*,
    case
        when
            cast(valued.due_date + mod(12 - cast(extract(isodow from valued.due_date) as integer), 7) as timestamp)
            + interval '10 hours' < run_context.as_of
            then
                cast(valued.due_date + mod(12 - cast(extract(isodow from valued.due_date) as integer), 7) as timestamp)
                + interval '10 hours'
    end as paid_at
from valued
cross join {{ ref('int_genims_meta__run_context') }} as run_context
