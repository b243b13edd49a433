-- What the ingest read, loaded and rejected over every file the warehouse holds (one row per
-- file in main.ingest_files, the same rows as the data quality page's file table), as exact
-- integer counts: the page's headline, so that the browser sums nothing.
select
  cast(count(*) as integer) as files,
  cast(coalesce(sum("read"), 0) as bigint) as rows_read,
  cast(coalesce(sum(loaded), 0) as bigint) as rows_loaded,
  cast(coalesce(sum(rejected), 0) as bigint) as rows_rejected,
  -- a rate of a positive base only (staging.ratio)
  staging.ratio(coalesce(sum(rejected), 0), coalesce(sum("read"), 0)) as rejected_share
from main.ingest_files
