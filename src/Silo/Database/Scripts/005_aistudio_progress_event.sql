-- Retained progress events per stream (project or video project), replayed to SSE clients after Last-Event-ID.
CREATE TABLE aistudio_progress_event
(
    stream_key text        NOT NULL,
    sequence   bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_key, sequence)
);
