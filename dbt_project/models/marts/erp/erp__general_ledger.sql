-- The general ledger: the ERP's postings (int_erp__postings) in USD, numbered in time order.
-- Posting keys: 40/50 G/L debit/credit, 01/15 customer invoice/payment, 31/25 supplier
-- invoice/payment. Cleared: a receivable, payable or GR/IR line whose clearing (payment,
-- invoice or return) happened before the as-of instant.
select
    cast({{ padded_id('GL', "row_number() over (order by postings.created_at, postings.document_number, "
        ~ "postings.source_document_id, postings.side desc, postings.gl_account)", 9) }} as varchar(50))
        as gl_transaction_id,
    cast(postings.document_number as varchar(50)) as document_number,
    cast(postings.document_type as varchar(10)) as document_type,
    postings.posting_date,
    postings.posting_date as document_date,
    cast(postings.gl_account as varchar(20)) as gl_account,
    cast('1000' as varchar(10)) as company_code,
    cast(case when postings.side = 'debit' then postings.amount end as decimal(15, 2)) as debit_amount,
    cast(case when postings.side = 'credit' then postings.amount end as decimal(15, 2)) as credit_amount,
    cast('USD' as varchar(3)) as currency,
    cast(postings.cost_center_id as varchar(50)) as cost_center_id,
    cast(postings.plant_id as varchar(50)) as profit_center,
    cast(postings.reference_document as varchar(50)) as reference_document,
    cast(postings.assignment as varchar(50)) as assignment,
    cast(postings.text as text) as text,
    cast(case
        when postings.gl_account = '120000' and postings.side = 'debit' then '01'
        when postings.gl_account = '120000' then '15'
        when postings.gl_account = '210000' and postings.side = 'credit' then '31'
        when postings.gl_account = '210000' then '25'
        when postings.side = 'debit' then '40'
        else '50'
    end as varchar(2)) as posting_key,
    cast(postings.transaction_code as varchar(10)) as transaction_code,
    cast(postings.source_system as varchar(50)) as source_system,
    cast(postings.source_document_id as varchar(50)) as source_document_id,
    cast(extract(year from postings.posting_date) as integer) as fiscal_year,
    cast(extract(month from postings.posting_date) as integer) as fiscal_period,
    postings.clearing_document is not null as cleared,
    cast(postings.clearing_document as varchar(50)) as clearing_document,
    postings.clearing_date,
    cast(postings.created_by as varchar(50)) as created_by,
    postings.created_at
from {{ ref('int_erp__postings') }} as postings
