-- Double entry: per movement, debits equal credits, and both equal the movement's value.
select
    ledger.source_document_id,
    sum(ledger.debit_amount) as debits,
    sum(ledger.credit_amount) as credits,
    max(abs(transactions.amount)) as movement_value
from {{ ref('erp__general_ledger') }} as ledger
inner join {{ ref('erp__inventory_transactions') }} as transactions
    on ledger.source_document_id = transactions.transaction_id
group by ledger.source_document_id
having
    sum(ledger.debit_amount) <> sum(ledger.credit_amount)
    or sum(ledger.debit_amount) <> max(abs(transactions.amount))
