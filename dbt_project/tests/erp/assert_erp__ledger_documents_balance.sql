-- Double entry per document: every document's debits equal its credits; what a clearing
-- document clears nets to zero on each account (a paid invoice's receivable or payable, a
-- billed or returned goods receipt's GR/IR); each kind of document comes from its own
-- transaction (goods receipt MIGO, delivery VL02N, billing VF01, customer payment F-28,
-- supplier invoice MIRO, payment run F110, opening stock MB1C, production and cost center
-- issues CO11N / MB1A).
with documents as (
    select
        document_number,
        'debits <> credits' as problem,
        sum(coalesce(debit_amount, 0)) - sum(coalesce(credit_amount, 0)) as difference
    from {{ ref('erp__general_ledger') }}
    group by document_number
    having sum(coalesce(debit_amount, 0)) <> sum(coalesce(credit_amount, 0))
),

clearings as (
    select
        clearing_document as document_number,
        'cleared lines do not net to zero on ' || gl_account as problem,
        sum(coalesce(debit_amount, 0)) - sum(coalesce(credit_amount, 0)) as difference
    from {{ ref('erp__general_ledger') }}
    where cleared
    group by clearing_document, gl_account
    having sum(coalesce(debit_amount, 0)) <> sum(coalesce(credit_amount, 0))
),

codes as (
    select
        document_number,
        'document type ' || document_type || ' posted by ' || transaction_code as problem,
        cast(null as numeric) as difference
    from {{ ref('erp__general_ledger') }}
    where
        transaction_code <> case document_type
            when 'WE' then 'MIGO'
            when 'WL' then 'VL02N'
            when 'RV' then 'VF01'
            when 'DZ' then 'F-28'
            when 'RE' then 'MIRO'
            when 'KZ' then 'F110'
            when 'WI' then 'MB1C'
            when 'WA' then case when source_system = 'MES' then 'CO11N' else 'MB1A' end
        end
)

select * from documents
union all
select * from clearings
union all
select * from codes
