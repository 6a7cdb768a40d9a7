-- DuckDB reference for `agentviz-report weekly`, used by scripts/bench.
--
-- Same input, comparable work: parse the NDJSON history, keep the first line of
-- each eventId, reduce every session to its latest snapshot, and sum tokens and
-- cost per ISO week and per (ISO week, repository).
--
-- The caller sets the input path first:
--     SET VARIABLE events_file = 'bench-out/data/events-100k.ndjson';
-- e.g. in the DuckDB CLI:
--     duckdb -c "SET VARIABLE events_file = 'events.ndjson'" -c ".read scripts/duckdb_weekly.sql"
--
-- Semantics (deliberately simpler than ANALYTICS.md, which splits a session's
-- usage across the weeks it spans): a session's usage is its final cumulative
-- counter, attributed to the ISO week (UTC) of its latest snapshot and to the
-- repository of its latest snapshot that carries one. Metrics are cumulative, so
-- the final counter is the maximum seen; max() also covers the ~4% of snapshots
-- that carry no metrics object.

SET threads = 2;
SET TimeZone = 'UTC';

WITH raw AS (
    SELECT ordinality                AS line_no,
           eventId                   AS event_id,
           capturedAt                AS captured_at,
           session.id                AS session_id,
           session.repository        AS repository,
           metrics.tokenTotal        AS token_total,
           metrics.estimatedCostUsd  AS cost_usd
    FROM read_json(
            getvariable('events_file'),
            format  = 'newline_delimited',
            records = true,
            columns = {
                eventId:    'VARCHAR',
                capturedAt: 'TIMESTAMPTZ',
                session:    'STRUCT(id VARCHAR, repository VARCHAR)',
                metrics:    'STRUCT(tokenTotal BIGINT, estimatedCostUsd DOUBLE)'
            }
         ) WITH ORDINALITY
),
events AS (                 -- dedupe: the first line with an eventId wins
    SELECT arg_min(session_id,  line_no) AS session_id,
           arg_min(captured_at, line_no) AS captured_at,
           arg_min(repository,  line_no) AS repository,
           arg_min(token_total, line_no) AS token_total,
           arg_min(cost_usd,    line_no) AS cost_usd
    FROM raw
    GROUP BY event_id
),
sessions AS (               -- latest snapshot per session
    SELECT session_id,
           max(captured_at)                  AS last_captured_at,
           arg_max(repository, captured_at)  AS repository,
           max(token_total)                  AS token_total,
           max(cost_usd)                     AS cost_usd
    FROM events
    GROUP BY session_id
)
SELECT strftime(last_captured_at, '%G-W%V')  AS iso_week,
       grouping(repository) = 1              AS all_repositories,
       repository,
       count(*)                              AS sessions,
       coalesce(sum(token_total), 0)         AS token_total,
       round(coalesce(sum(cost_usd), 0), 6)  AS estimated_cost_usd
FROM sessions
GROUP BY GROUPING SETS ((iso_week), (iso_week, repository))
ORDER BY iso_week, all_repositories DESC, repository NULLS FIRST;
