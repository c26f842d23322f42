-- reporting_ext: convenience views OUTSIDE the reporting_v1 contract (columns may change without a new version).
-- indicator_panel: one row per region and year, the core metrics as columns: the level and growth a report
-- states for that year as actual/estimate (from its review), and the growth target set for it.
-- Single-year figures only (period figures such as 年均 and 累计 are left out); the first statement wins.
create schema if not exists reporting_ext;

create or replace view reporting_ext.indicator_panel as
with docs as (
    select document_id, region_code, region_name, admin_level, province, meeting_date
    from core.documents
    where region_code is not null
),
figures as (
    select
        d.region_code, d.region_name, d.admin_level, d.province, i.year, i.metric,
        case when i.kind = 'target' then 'target' else 'actual' end as side,
        i.value_base, i.growth_pct,
        row_number() over (
            partition by d.region_code, i.year, i.metric, case when i.kind = 'target' then 'target' else 'actual' end
            order by (i.kind = 'actual') desc, d.meeting_date desc nulls last, i.char_start
        ) as rn_level,
        i.char_start
    from core.indicators i
    join docs d using (document_id)
    where i.year is not null and i.period is null and i.metric <> 'other'
      and coalesce(i.change_kind, 'growth') = 'growth'
),
levels as (
    select region_code, year, metric, side,
        first(value_base order by rn_level) filter (where value_base is not null) as value_base,
        first(growth_pct order by rn_level) filter (where growth_pct is not null) as growth_pct
    from figures
    group by region_code, year, metric, side
),
regions as (
    select region_code, any_value(region_name) as region_name, any_value(admin_level) as admin_level,
           any_value(province) as province
    from docs group by region_code
),
final as (
    select
        l.region_code, r.region_name, r.admin_level, r.province, l.year,
        max(value_base) filter (where metric = 'gdp' and side = 'actual')                    as gdp_yuan,
        max(growth_pct) filter (where metric = 'gdp' and side = 'actual')                    as gdp_growth_pct,
        max(growth_pct) filter (where metric = 'gdp' and side = 'target')                    as gdp_growth_target_pct,
        max(value_base) filter (where metric = 'general_budget_revenue' and side = 'actual') as general_budget_revenue_yuan,
        max(growth_pct) filter (where metric = 'general_budget_revenue' and side = 'actual') as general_budget_revenue_growth_pct,
        max(growth_pct) filter (where metric = 'fixed_asset_investment' and side = 'actual') as fixed_asset_investment_growth_pct,
        max(value_base) filter (where metric = 'retail_sales' and side = 'actual')           as retail_sales_yuan,
        max(growth_pct) filter (where metric = 'retail_sales' and side = 'actual')           as retail_sales_growth_pct,
        max(growth_pct) filter (where metric = 'industrial_value_added' and side = 'actual') as industrial_value_added_growth_pct,
        max(value_base) filter (where metric = 'urban_disposable_income' and side = 'actual') as urban_disposable_income_yuan,
        max(growth_pct) filter (where metric = 'urban_disposable_income' and side = 'actual') as urban_disposable_income_growth_pct,
        max(value_base) filter (where metric = 'rural_disposable_income' and side = 'actual') as rural_disposable_income_yuan,
        max(growth_pct) filter (where metric = 'rural_disposable_income' and side = 'actual') as rural_disposable_income_growth_pct
    from levels l
    join regions r using (region_code)
    group by l.region_code, r.region_name, r.admin_level, r.province, l.year
)
select * from final
order by region_code, year;
