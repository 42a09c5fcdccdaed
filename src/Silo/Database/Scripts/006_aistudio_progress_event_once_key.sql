-- An event reported again after its answer was lost (e.g. an image's terminal event sent to a silo that was stopping)
-- carries the key of its first report; the log keeps one event per key and stream.
ALTER TABLE aistudio_progress_event ADD COLUMN once_key text;
CREATE UNIQUE INDEX aistudio_progress_event_once ON aistudio_progress_event (stream_key, once_key) WHERE once_key IS NOT NULL;
