{#
    The general-ledger stock account of a material type: where the ledger books a movement's
    value and where a purchase order line's receipt goes (one account per type, so that the
    two agree).
#}
{% macro stock_account(material_type) -%}
    case {{ material_type }}
        when 'raw_material' then '130100'
        when 'component' then '130200'
        when 'consumable' then '130300'
        when 'packaging' then '130400'
        else '131000'
    end
{%- endmacro %}
