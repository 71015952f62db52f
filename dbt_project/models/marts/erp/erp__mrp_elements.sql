select
    cast(
        {{ padded_id('MRPE', 'row_number() over (order by elements.run_sequence, elements.material_id, '
        ~ 'elements.element_type, elements.element_date, elements.source_document, elements.source_line)', 7) }}
        as varchar(50)
    ) as element_id,
    cast({{ padded_id('MRP', 'elements.run_sequence', 5) }} as varchar(50)) as mrp_run_id,
    elements.material_id,
    elements.plant_id,
    cast(elements.element_type as varchar(30)) as element_type,
    elements.element_date,
    cast(round(elements.requirement_quantity, 4) as decimal(15, 4)) as requirement_quantity,
    cast(round(elements.receipt_quantity, 4) as decimal(15, 4)) as receipt_quantity,
    cast(elements.source_document as varchar(50)) as source_document,
    cast(elements.source_line as integer) as source_line,
    cast(elements.exception_message as varchar(200)) as exception_message,
    cast(elements.planning_date as timestamp) as created_at
from {{ ref('int_erp__mrp_elements') }} as elements
