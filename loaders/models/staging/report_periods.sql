-- materialized: table
-- The periods the concentration and whale analyses report: those of the configured grain and
-- the window.
with params as (select grain from staging.params)
select pe.* from staging.periods pe, params p
where pe.period_kind = p.grain or pe.period_kind = 'window'
